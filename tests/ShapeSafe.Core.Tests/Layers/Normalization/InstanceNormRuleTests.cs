using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Normalization;

public sealed class InstanceNormRuleTests
{
    [Theory]
    [InlineData("InstanceNorm1d(16)", "8x16x10", "8x16x10")]
    [InlineData("InstanceNorm1d(16)", "16x10", "16x10")]
    [InlineData("InstanceNorm2d(3)", "2x3x8x8", "2x3x8x8")]
    [InlineData("InstanceNorm2d(3)", "3x8x8", "3x8x8")]
    [InlineData("InstanceNorm3d(3)", "2x3x4x4x4", "2x3x4x4x4")]
    [InlineData("InstanceNorm3d(3)", "3x4x4x4", "3x4x4x4")]
    [InlineData("InstanceNorm2d(3)", "2x4x8x8", "2x4x8x8")]
    [InlineData("LazyInstanceNorm2d(affine=True)", "2x4x8x8", "2x4x8x8")]
    [InlineData("InstanceNorm2d(3)", "8x3", "SS0107")]
    [InlineData("InstanceNorm1d(4)", "2x4x3x3", "SS0107")]
    [InlineData("InstanceNorm3d(4)", "2x4x3", "SS0107")]
    [InlineData("InstanceNorm2d(3, affine=True)", "2x4x8x8", "SS0106")]
    [InlineData("InstanceNorm2d(3, track_running_stats=True)", "2x4x8x8", "SS0106")]
    [InlineData("InstanceNorm1d(16)", "4x16x1", "SS0114")]
    public void ChecksRankAndFeatures(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("InstanceNorm2d(3, affine=True)", "2x4x8x8", "ValueError: expected input's size at dim=1 to match num_features (3), but got: 4.")]
    [InlineData("InstanceNorm2d(3, affine=True)", "4x8x8", "ValueError: expected input's size at dim=0 to match num_features (3), but got: 4.")]
    [InlineData("InstanceNorm2d(3, track_running_stats=True)", "2x4x8x8", "RuntimeError: running_mean should contain 8 elements not 6")]
    [InlineData("InstanceNorm2d(3)", "8x3", "ValueError: expected 3D or 4D input (got 2D input)")]
    [InlineData("InstanceNorm1d(16)", "4x16x1", "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([4, 16, 1])")]
    [InlineData("InstanceNorm1d(16)", "16x1", "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([1, 16, 1])")]
    public void QuotesPyTorch(string line, string input, string pytorch) =>
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", RuleHarness.Run(line, input).Failure!.Notes);

    [Fact]
    public void OnlyWarnsOnAnUnusedNumFeaturesMismatch()
    {
        var outcome = RuleHarness.Run("InstanceNorm2d(3)", "2x4x8x8");
        Assert.Null(outcome.Failure);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0106", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("PyTorch warns: input's size at dim=1 does not match num_features. You can silence this warning by not passing in num_features, which is not used because affine=False", warning.Notes);
    }

    [Fact]
    public void WarnsOnlyForTrainingWhenRunningStatsAreTracked()
    {
        var outcome = RuleHarness.Run("InstanceNorm1d(16, track_running_stats=True)", "4x16x1");
        Assert.Null(outcome.Failure);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0114", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData("InstanceNorm2d(4)", "2x4x8x8", 0)]
    [InlineData("InstanceNorm2d(4, affine=True)", "2x4x8x8", 8)]
    [InlineData("LazyInstanceNorm1d(affine=True)", "20x20", 40)]
    public void CountsParameters(string line, string input, long parameters) =>
        Assert.Equal(parameters, RuleHarness.Run(line, input).Parameters);

    [Theory]
    [InlineData("LazyInstanceNorm1d()", "2x5x20", 5)]
    [InlineData("LazyInstanceNorm1d()", "20x20", 20)]
    [InlineData("LazyInstanceNorm1d(affine=False, track_running_stats=False)", "5x20", 5)]
    [InlineData("LazyInstanceNorm2d()", "8x8x8", 8)]
    [InlineData("LazyInstanceNorm3d()", "2x3x4x4x4", 3)]
    public void InfersFeaturesFromTheChannelDim(string line, string input, long features) =>
        Assert.Equal(features, RuleHarness.Run(line, input).Inferred["num_features"]);
}
