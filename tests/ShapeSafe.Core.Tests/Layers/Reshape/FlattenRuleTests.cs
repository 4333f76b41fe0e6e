using ShapeSafe.Tests.Layers;

namespace ShapeSafe.Tests.Layers.Reshape;

public sealed class FlattenRuleTests
{
    [Theory]
    [InlineData("Flatten()", "1x32x16x16", "1x8192")]
    [InlineData("Flatten(0)", "2x3x4", "24")]
    [InlineData("Flatten(2)", "1x32x16x16", "1x32x256")]
    [InlineData("Flatten(1, 2)", "1x32x16x16", "1x512x16")]
    [InlineData("Flatten(-2)", "2x3x4", "2x12")]
    [InlineData("Flatten(start_dim=-1)", "2x3x4", "2x3x4")]
    [InlineData("Flatten(0, -1)", "5", "5")]
    [InlineData("Flatten(end_dim=-2)", "2x3x4x5", "2x12x5")]
    [InlineData("Flatten()", "Nx3x4", "Nx12")]
    [InlineData("Flatten()", "2xCx4", "2x(4*C)")]
    [InlineData("Flatten()", "2x3", "2x3")]
    [InlineData("Flatten()", "8", "SS0108")]
    [InlineData("Flatten(0, 5)", "2x3", "SS0108")]
    [InlineData("Flatten(-4)", "2x3x4", "SS0108")]
    [InlineData("Flatten(2, 1)", "2x3x4", "SS0110")]
    [InlineData("Flatten(-1, 0)", "2x3", "SS0110")]
    public void MergesTheDimsFromStartToEnd(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("Flatten()", "8", "flatten: dimension out of range (expected to be in range of [-1, 0], but got 1)",
        "IndexError: Dimension out of range (expected to be in range of [-1, 0], but got 1)")]
    [InlineData("Flatten(0, 5)", "2x3", "flatten: dimension out of range (expected to be in range of [-2, 1], but got 5)",
        "IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 5)")]
    [InlineData("Flatten(2, 1)", "2x3x4", "flatten: start_dim=2 is dimension 2 and end_dim=1 is dimension 1 of the 3D input, so start_dim comes after end_dim",
        "RuntimeError: flatten() has invalid args: start_dim cannot come after end_dim")]
    public void QuotesPyTorch(string line, string input, string message, string pytorch)
    {
        var failure = RuleHarness.Run($"flatten = nn.{line}", input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", failure.Notes);
    }

    [Theory]
    [InlineData("Flatten(0)", "1")]
    [InlineData("Flatten(-1, 0)", "1")]
    [InlineData("Flatten()", "SS0108")]
    public void FlattensAZeroDimInputToOneDim(string line, string expected)
    {
        var outcome = DirectRun.On(line, DirectRun.Scalar);
        Assert.Equal(expected, outcome.Failure?.Code ?? outcome.Output!.ToString());
    }
}
