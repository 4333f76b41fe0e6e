namespace ShapeSafe.Tests.Layers.Normalization;

public sealed class LayerNormRuleTests
{
    [Theory]
    [InlineData("LayerNorm(64)", "2x10x64", "2x10x64")]
    [InlineData("LayerNorm(64)", "64", "64")]
    [InlineData("LayerNorm((10, 64))", "2x10x64", "2x10x64")]
    [InlineData("LayerNorm([10, 64])", "2x10x64", "2x10x64")]
    [InlineData("LayerNorm((3, 8, 8))", "Nx3x8x8", "Nx3x8x8")]
    [InlineData("LayerNorm(64)", "NxTxD", "NxTxD")]
    [InlineData("LayerNorm(64, eps=1e-6, elementwise_affine=False, bias=False)", "2x64", "2x64")]
    [InlineData("LayerNorm(64)", "2x32", "SS0115")]
    [InlineData("LayerNorm((10, 64))", "2x64x10", "SS0115")]
    [InlineData("LayerNorm((8, 8))", "8", "SS0115")]
    [InlineData("LayerNorm(-4)", "2x4", "SS0007")]
    public void ChecksTheTrailingDims(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("LayerNorm(64)", "2x32", "ln expects the input to end in [*, 64], but got input of size [2, 32]",
        "RuntimeError: Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[2, 32]", "32")]
    [InlineData("LayerNorm((10, 64))", "2x10x32", "ln expects the input to end in [*, 10, 64], but got input of size [2, 10, 32]",
        "RuntimeError: Given normalized_shape=[10, 64], expected input with shape [*, 10, 64], but got input of size[2, 10, 32]", "(10, 32)")]
    public void QuotesPyTorchAndWritesTheTrailingSize(string line, string input, string message, string pytorch, string fix)
    {
        var failure = RuleHarness.Run($"ln = nn.{line}", input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", failure.Notes);
        Assert.Equal(fix, Assert.Single(Assert.Single(failure.Fixes).Edits).NewText);
    }

    [Fact]
    public void OffersNoFixWhenTheInputHasTooFewDims() =>
        Assert.Empty(RuleHarness.Run("LayerNorm((8, 8))", "8").Failure!.Fixes);

    [Theory]
    [InlineData("LayerNorm(64)", "2x64", 128)]
    [InlineData("LayerNorm(64, bias=False)", "2x64", 64)]
    [InlineData("LayerNorm(64, elementwise_affine=False)", "2x64", 0)]
    [InlineData("LayerNorm((10, 64))", "2x10x64", 1280)]
    public void CountsParameters(string line, string input, long parameters) =>
        Assert.Equal(parameters, RuleHarness.Run(line, input).Parameters);
}
