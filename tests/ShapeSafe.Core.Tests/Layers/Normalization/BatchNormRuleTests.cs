using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Normalization;

public sealed class BatchNormRuleTests
{
    [Theory]
    [InlineData("BatchNorm1d(16)", "8x16", "8x16")]
    [InlineData("BatchNorm1d(16)", "8x16x10", "8x16x10")]
    [InlineData("BatchNorm2d(16)", "8x16x4x4", "8x16x4x4")]
    [InlineData("BatchNorm3d(4)", "2x4x3x3x3", "2x4x3x3x3")]
    [InlineData("BatchNorm2d(16, 1e-3, None, False, False)", "8x16x4x4", "8x16x4x4")]
    [InlineData("BatchNorm2d(16)", "Nx16xHxW", "Nx16xHxW")]
    [InlineData("BatchNorm2d(16)", "NxCxHxW", "NxCxHxW")]
    [InlineData("LazyBatchNorm2d()", "8x32x4x4", "8x32x4x4")]
    [InlineData("BatchNorm1d(16)", "8x16x4x4", "SS0107")]
    [InlineData("BatchNorm1d(16)", "16", "SS0107")]
    [InlineData("BatchNorm2d(16)", "8x16x4", "SS0107")]
    [InlineData("BatchNorm3d(16)", "8x16x4x4", "SS0107")]
    [InlineData("BatchNorm2d(16)", "8x32x4x4", "SS0106")]
    [InlineData("BatchNorm2d(16, affine=False)", "8x32x4x4", "SS0106")]
    [InlineData("BatchNorm2d(16, track_running_stats=False)", "8x32x4x4", "SS0106")]
    [InlineData("BatchNorm2d(16, affine=False, track_running_stats=False)", "8x32x4x4", "8x32x4x4")]
    [InlineData("LazyBatchNorm2d()", "8xCx4x4", "SS0112")]
    [InlineData("BatchNorm1d(16, track_running_stats=False)", "1x16", "SS0114")]
    public void ChecksRankAndFeatures(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("BatchNorm1d(16)", "8x16x4x4", "bn expects 2D or 3D input, but got input of size [8, 16, 4, 4]", "ValueError: expected 2D or 3D input (got 4D input)")]
    [InlineData("BatchNorm2d(16)", "8x16", "bn expects 4D input, but got input of size [8, 16]", "ValueError: expected 4D input (got 2D input)")]
    [InlineData("BatchNorm3d(16)", "8x16x4x4", "bn expects 5D input, but got input of size [8, 16, 4, 4]", "ValueError: expected 5D input (got 4D input)")]
    [InlineData("BatchNorm2d(16)", "8x32x4x4", "bn expects 16 features (channels) but receives 32", "RuntimeError: running_mean should contain 32 elements not 16")]
    [InlineData("BatchNorm2d(16, track_running_stats=False)", "8x32x4x4", "bn expects 16 features (channels) but receives 32", "RuntimeError: weight should contain 32 elements not 16")]
    public void QuotesPyTorch(string line, string input, string message, string pytorch)
    {
        var failure = RuleHarness.Run($"bn = nn.{line}", input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", failure.Notes);
    }

    [Fact]
    public void OffersToWriteTheChannelsOrInferThem()
    {
        var failure = RuleHarness.Run("bn = nn.BatchNorm2d(16, momentum=None)", "8x32x4x4").Failure!;
        Assert.Equal(["set num_features to 32", "omit num_features so that it is inferred from the input (LazyBatchNorm2d)"], failure.Fixes.Select(f => f.Description));
        Assert.Equal("32", Assert.Single(failure.Fixes[0].Edits).NewText);
        Assert.Equal("LazyBatchNorm2d(momentum=None)", Assert.Single(failure.Fixes[1].Edits).NewText);
        Assert.Equal("16", failure.Expected!.Value);
        Assert.Equal("32", failure.Actual!.Value);
    }

    [Fact]
    public void OnlyWarnsWhenNumFeaturesIsUnused()
    {
        var outcome = RuleHarness.Run("BatchNorm2d(16, affine=False, track_running_stats=False)", "8x32x4x4");
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0106", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
    }

    [Theory]
    [InlineData("BatchNorm1d(16)", "1x16", "torch.Size([1, 16])")]
    [InlineData("BatchNorm1d(16)", "1x16x1", "torch.Size([1, 16, 1])")]
    [InlineData("BatchNorm2d(16)", "1x16x1x1", "torch.Size([1, 16, 1, 1])")]
    public void WarnsThatABatchOfOneValuePerChannelFailsInTraining(string line, string input, string size)
    {
        var outcome = RuleHarness.Run($"bn = nn.{line}", input);
        Assert.Null(outcome.Failure);
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0114", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal($"bn has only one value per channel to normalize over (input {input}), which PyTorch refuses when training", warning.Message);
        Assert.Contains($"PyTorch would fail in training mode with: ValueError: Expected more than 1 value per channel when training, got input size {size}", warning.Notes);
    }

    [Theory]
    [InlineData("BatchNorm1d(16)", "2x16")]
    [InlineData("BatchNorm1d(16)", "1x16x2")]
    [InlineData("BatchNorm1d(16)", "Nx16")]
    [InlineData("BatchNorm2d(16)", "1x16xHxW")]
    public void DoesNotWarnWithMoreThanOneValuePerChannel(string line, string input) =>
        Assert.Empty(RuleHarness.Run(line, input).Warnings);

    [Theory]
    [InlineData("BatchNorm2d(16)", "8x16x4x4", 32, 256)]
    [InlineData("BatchNorm2d(16, affine=False)", "8x16x4x4", 0, 256)]
    [InlineData("BatchNorm1d(10)", "4x10", 20, 10)]
    [InlineData("LazyBatchNorm3d()", "2x6x2x2x2", 12, 48)]
    [InlineData("BatchNorm2d(16)", "8x32x4x4", 64, 512)]
    public void CountsParameters(string line, string input, long parameters, long multiplyAdds)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Equal(parameters, outcome.Parameters);
        Assert.Equal(multiplyAdds, outcome.MultiplyAdds);
    }

    [Theory]
    [InlineData("LazyBatchNorm1d()", "4x10", 10)]
    [InlineData("LazyBatchNorm2d(eps=1e-3)", "8x32x4x4", 32)]
    [InlineData("BatchNorm2d()", "8x32x4x4", 32)]
    [InlineData("LazyBatchNorm3d(affine=False)", "2x6x2x2x2", 6)]
    public void InfersOmittedFeatures(string line, string input, long features) =>
        Assert.Equal(features, RuleHarness.Run(line, input).Inferred["num_features"]);
}
