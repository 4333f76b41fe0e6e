namespace ShapeSafe.Tests.Layers.Padding;

public sealed class ConstantPaddingRuleTests
{
    [Theory]
    [InlineData("ZeroPad2d(2)", "1x3x8x8", "1x3x12x12")]
    [InlineData("ZeroPad2d((1, 2, 3, 4))", "1x3x8x8", "1x3x15x11")]
    [InlineData("ZeroPad2d(padding=(1, 2, 3, 4))", "3x8x8", "3x15x11")]
    [InlineData("ZeroPad2d(1)", "8x8", "10x10")]
    [InlineData("ZeroPad2d((1, 1))", "1x3x8x8", "1x3x8x10")]
    [InlineData("ZeroPad1d(2)", "1x3x8", "1x3x12")]
    [InlineData("ZeroPad1d((1, 0))", "8", "9")]
    [InlineData("ZeroPad3d(1)", "1x1x2x2x2", "1x1x4x4x4")]
    [InlineData("ZeroPad3d((1, 1, 0, 0, 2, 0))", "2x3x4", "4x3x6")]
    [InlineData("ConstantPad1d(2, 3.5)", "1x2x4", "1x2x8")]
    [InlineData("ConstantPad2d((1, 1), 0.0)", "1x3x8x8", "1x3x8x10")]
    [InlineData("ConstantPad2d(padding=1, value=-1)", "1x3x8x8", "1x3x10x10")]
    [InlineData("ConstantPad3d(1, 0)", "2x2x2", "4x4x4")]
    [InlineData("ZeroPad2d(1)", "Nx3xHxW", "Nx3x(H+2)x(W+2)")]
    [InlineData("ZeroPad2d((-1, -1, 0, 0))", "Nx3xHxW", "Nx3xHx(W-2)")]
    [InlineData("ZeroPad2d((-1, -1, 0, 0))", "1x3x8x8", "1x3x8x6")]
    [InlineData("ZeroPad2d((-1, 2, 0, 0))", "1x3x8x8", "1x3x8x9")]
    [InlineData("ZeroPad2d((-4, -4, 0, 0))", "1x3x8x8", "1x3x8x0")]
    [InlineData("ZeroPad2d((-5, -5, 0, 0))", "1x3x8x8", "SS0111")]
    [InlineData("ZeroPad2d((-5, -4, 1, 0))", "1x3x8x8", "SS0111")]
    [InlineData("ZeroPad2d((-4, -4, 1, 0))", "1x3x8x8", "SS0111")]
    [InlineData("ZeroPad2d((1, 2, 3))", "1x3x8x8", "SS0110")]
    [InlineData("ZeroPad3d(1)", "2x2", "SS0110")]
    public void PadsTheTrailingDims(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("ZeroPad2d((-5, -5, 0, 0))", "1x3x8x8", "RuntimeError: narrow(): length must be non-negative.")]
    [InlineData("ZeroPad2d((-4, -4, 1, 0))", "1x3x8x8",
        "RuntimeError: The input size 8, plus negative padding -4 and -4 resulted in a negative output size, which is invalid. Check dimension 3 of your input.")]
    [InlineData("ZeroPad2d((1, 2, 3))", "1x3x8x8", "RuntimeError: Padding length must be divisible by 2")]
    [InlineData("ZeroPad3d(1)", "2x2",
        "RuntimeError: Padding length should be less than or equal to two times the input dimension but got padding length 6 and input of dimension 2")]
    public void QuotesPyTorch(string line, string input, string pytorch) =>
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", RuleHarness.Run(line, input).Failure!.Notes);

    [Fact]
    public void SaysWhatSizeNegativePaddingWouldLeave()
    {
        var failure = RuleHarness.Run("pad = nn.ZeroPad2d((-4, -4, 1, 0))", "1x3x8x8").Failure!;
        Assert.Equal("pad: padding (-4, -4) on dimension 3 of the input 1x3x8x8 (size 8) would leave size 0", failure.Message);
    }
}
