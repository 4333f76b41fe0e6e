namespace ShapeSafe.Tests.Layers.Padding;

public sealed class MirrorPaddingRuleTests
{
    [Theory]
    [InlineData("ReflectionPad2d(2)", "1x3x8x8", "1x3x12x12")]
    [InlineData("ReflectionPad2d(2)", "3x8x8", "3x12x12")]
    [InlineData("ReflectionPad2d((1, 2, 3, 0))", "1x3x8x8", "1x3x11x11")]
    [InlineData("ReflectionPad2d((1, 1))", "1x3x8", "1x3x10")]
    [InlineData("ReflectionPad1d(2)", "1x2x3", "1x2x7")]
    [InlineData("ReflectionPad1d((3, 1))", "2x4", "2x8")]
    [InlineData("ReflectionPad3d(1)", "1x1x2x2x2", "1x1x4x4x4")]
    [InlineData("ReflectionPad2d(3)", "1x3x4x4", "1x3x10x10")]
    [InlineData("ReflectionPad2d(-1)", "1x3x4x4", "1x3x2x2")]
    [InlineData("ReflectionPad2d(4)", "1x3x4x4", "SS0110")]
    [InlineData("ReflectionPad2d((1, 1, 4, 4))", "1x3x4x4", "SS0110")]
    [InlineData("ReflectionPad1d(3)", "1x2x3", "SS0110")]
    [InlineData("ReflectionPad3d((0, 0, 0, 0, 2, 2))", "1x1x2x8x8", "SS0110")]
    [InlineData("ReflectionPad2d(1)", "8x8", "SS0107")]
    [InlineData("ReflectionPad2d((1, 1))", "1x3x8x8", "SS0107")]
    [InlineData("ReflectionPad2d(-2)", "1x3x4x4", "SS0111")]
    [InlineData("ReplicationPad2d(4)", "1x3x4x4", "1x3x12x12")]
    [InlineData("ReplicationPad2d(1)", "3x4x4", "3x6x6")]
    [InlineData("ReplicationPad1d((-1, -1))", "1x2x4", "1x2x2")]
    [InlineData("ReplicationPad3d(2)", "1x1x1x1x1", "1x1x5x5x5")]
    [InlineData("ReplicationPad2d(-2)", "1x3x4x4", "SS0111")]
    [InlineData("ReplicationPad1d(1)", "8", "SS0107")]
    [InlineData("ReplicationPad3d(1)", "1x2x3x4x5x6", "SS0107")]
    public void PadsBatchedOrUnbatchedInputs(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("ReflectionPad2d(4)", "1x3x4x4",
        "RuntimeError: Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (4, 4) at dimension 3 of input [1, 3, 4, 4]")]
    [InlineData("ReflectionPad2d((1, 1, 4, 4))", "1x3x4x4",
        "RuntimeError: Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (4, 4) at dimension 2 of input [1, 3, 4, 4]")]
    [InlineData("ReflectionPad3d((0, 0, 0, 0, 2, 2))", "1x1x2x8x8",
        "RuntimeError: Argument #8: Padding size should be less than the corresponding input dimension, but got: padding (2, 2) at dimension 2 of input [1, 1, 2, 8, 8]")]
    [InlineData("ReflectionPad2d(1)", "8x8", "NotImplementedError: Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")]
    [InlineData("ReplicationPad1d(-2)", "1x2x4", "RuntimeError: input (W: 4) is too small. Calculated output W: 0")]
    [InlineData("ReplicationPad2d(-2)", "1x3x4x4", "RuntimeError: Calculated output H: 0 W: 0 must be >= 1 in every dimension (input H: 4, W: 4)")]
    public void QuotesPyTorch(string line, string input, string pytorch) =>
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", RuleHarness.Run(line, input).Failure!.Notes);

    [Fact]
    public void NamesTheRanksAMirrorPadAccepts()
    {
        var failure = RuleHarness.Run("pad = nn.ReflectionPad2d(1)", "8x8").Failure!;
        Assert.Equal("pad expects 3D or 4D input, but got input of size [8, 8]", failure.Message);
    }
}
