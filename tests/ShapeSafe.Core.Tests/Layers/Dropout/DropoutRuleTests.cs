using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Dropout;

public sealed class DropoutRuleTests
{
    [Theory]
    [InlineData("Dropout()", "4x10")]
    [InlineData("Dropout(0.2)", "4x10")]
    [InlineData("Dropout(p=0.3, inplace=True)", "Nx3x8x8")]
    [InlineData("Dropout(0)", "4x10")]
    [InlineData("Dropout(1)", "4x10")]
    [InlineData("Dropout1d(0.1)", "4x16x10")]
    [InlineData("Dropout1d()", "16x10")]
    [InlineData("Dropout2d(0.1)", "4x16x8x8")]
    [InlineData("Dropout3d()", "2x4x4x4x4")]
    [InlineData("Dropout3d()", "4x4x4x4")]
    [InlineData("AlphaDropout(0.1)", "4x10")]
    [InlineData("AlphaDropout()", "7")]
    public void PreservesTheShape(string line, string input)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Equal(input, outcome.Output!.ToString());
        Assert.Empty(outcome.Warnings);
        Assert.Equal(0, outcome.Parameters);
    }

    [Theory]
    [InlineData("Dropout(1.5)", "1.5")]
    [InlineData("Dropout(p=-0.1)", "-0.1")]
    [InlineData("Dropout(2)", "2")]
    [InlineData("Dropout1d(1.5)", "1.5")]
    [InlineData("Dropout2d(3.0)", "3.0")]
    [InlineData("Dropout3d(-1)", "-1")]
    [InlineData("AlphaDropout(1.01)", "1.01")]
    public void RequiresAProbability(string line, string written)
    {
        var failure = RuleHarness.Run(line, "4x16x8x8x8").Failure!;
        Assert.Equal("SS0007", failure.Code);
        Assert.EndsWith($"argument 'p' has to be between 0 and 1, but got {written}", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"PyTorch would fail when creating the layer with: ValueError: dropout probability has to be between 0 and 1, but got {written}", failure.Notes);
    }

    [Theory]
    [InlineData("4x16x8x8")]
    [InlineData("16")]
    public void Dropout1dNeeds2DOr3DInput(string input)
    {
        var failure = RuleHarness.Run("drop = nn.Dropout1d()", input).Failure!;
        Assert.Equal("SS0107", failure.Code);
        Assert.StartsWith("drop expects 2D or 3D input, but got input of size [", failure.Message, StringComparison.Ordinal);
        Assert.Contains(failure.Notes, n => n.StartsWith($"PyTorch would fail at run time with: RuntimeError: dropout1d: Expected 2D or 3D input, but received a {input.Split('x').Length}D input.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dropout2d()", "4x10", "dropout2d: Received a 2-D input to dropout2d, which is deprecated")]
    [InlineData("Dropout2d()", "4x16x10", "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired")]
    [InlineData("Dropout2d()", "2x4x4x4x4", "dropout2d: Received a 5-D input to dropout2d, which is deprecated")]
    [InlineData("Dropout3d()", "4x16x10", "dropout3d: Received a 3-D input to dropout3d, which is deprecated")]
    [InlineData("Dropout3d()", "4x16", "dropout3d: Received a 2-D input to dropout3d, which is deprecated")]
    public void WarnsWherePyTorchWarnsAboutTheRank(string line, string input, string pytorch)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Equal(input, outcome.Output!.ToString());
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0117", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains(warning.Notes, n => n.StartsWith($"PyTorch warns: {pytorch}", StringComparison.Ordinal));
    }

    [Fact]
    public void Dropout2dOnA1DInputAlsoFailsInTraining()
    {
        var warning = Assert.Single(RuleHarness.Run("Dropout2d()", "10").Warnings);
        Assert.Contains("PyTorch would fail in training mode with: RuntimeError: Feature dropout requires at least 2 dimensions in the input", warning.Notes);
    }
}
