using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Normalization;

public sealed class GroupNormRuleTests
{
    [Theory]
    [InlineData("GroupNorm(4, 16)", "2x16x8x8", "2x16x8x8")]
    [InlineData("GroupNorm(4, 16)", "2x16", "2x16")]
    [InlineData("GroupNorm(1, 16)", "2x16x5", "2x16x5")]
    [InlineData("GroupNorm(num_groups=16, num_channels=16, eps=1e-6, affine=False)", "2x16x3x3x3", "2x16x3x3x3")]
    [InlineData("GroupNorm(4, 16, affine=False)", "2x32x8x8", "2x32x8x8")]
    [InlineData("GroupNorm(3, 16)", "2x16x8x8", "SS0105")]
    [InlineData("GroupNorm(4, 16)", "2x30x8x8", "SS0105")]
    [InlineData("GroupNorm(4, 16)", "2x32x8x8", "SS0101")]
    [InlineData("GroupNorm(4, 16)", "16", "SS0107")]
    [InlineData("GroupNorm(16, 16)", "1x16", "SS0114")]
    [InlineData("GroupNorm(0, 16)", "2x16", "SS0007")]
    public void ChecksGroupsAndChannels(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("GroupNorm(3, 16)", "2x16x8x8", "gn: num_channels=16 must be divisible by groups=3", "PyTorch would fail when creating the layer with: ValueError: num_channels must be divisible by num_groups")]
    [InlineData("GroupNorm(4, 16)", "2x30x8x8", "gn: the 30 input channels must be divisible by groups=4",
        "PyTorch would fail at run time with: RuntimeError: Expected number of channels in input to be divisible by num_groups, but got input of shape [2, 30, 8, 8] and num_groups=4")]
    [InlineData("GroupNorm(4, 16)", "2x32x8x8", "gn expects 16 input channels but receives 32",
        "PyTorch would fail at run time with: RuntimeError: Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [16] and input of shape [2, 32, 8, 8]")]
    [InlineData("GroupNorm(4, 16)", "16", "gn expects at least 2D input, but got input of size [16]", "PyTorch would fail at run time with: RuntimeError: Expected at least 2 dimensions for input tensor but received 1")]
    [InlineData("GroupNorm(16, 16)", "1x16", "gn has only one value per group to normalize over (input 1x16), which PyTorch refuses in training and in evaluation",
        "PyTorch would fail at run time with: ValueError: Expected more than 1 value per channel when training, got input size [1, 16]")]
    public void QuotesPyTorch(string line, string input, string message, string note)
    {
        var failure = RuleHarness.Run($"gn = nn.{line}", input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains(note, failure.Notes);
    }

    [Fact]
    public void OffersOnlyToWriteTheChannelsSinceThereIsNoLazyGroupNorm()
    {
        var failure = RuleHarness.Run("GroupNorm(4, 16)", "2x32x8x8").Failure!;
        var fix = Assert.Single(failure.Fixes);
        Assert.Equal("set num_channels to 32", fix.Description);
        Assert.Equal("32", Assert.Single(fix.Edits).NewText);
    }

    [Fact]
    public void WarnsWhenTheUnusedChannelCountDiffers()
    {
        var warning = Assert.Single(RuleHarness.Run("GroupNorm(4, 16, affine=False)", "2x32x8x8").Warnings);
        Assert.Equal("SS0101", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData("GroupNorm(4, 16)", 32)]
    [InlineData("GroupNorm(4, 16, affine=False)", 0)]
    public void CountsParameters(string line, long parameters) =>
        Assert.Equal(parameters, RuleHarness.Run(line, "2x16x8x8").Parameters);
}
