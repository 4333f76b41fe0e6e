using ShapeSafe.Layers.Arithmetic;

namespace ShapeSafe.Tests.Layers.Arithmetic;

public sealed class ConvArithmeticTests
{
    [Theory]
    [InlineData(7, 2, 3)]
    [InlineData(-7, 2, -4)]
    [InlineData(-1, 4, -1)]
    [InlineData(-4, 4, -1)]
    [InlineData(0, 3, 0)]
    [InlineData(6, 3, 2)]
    public void FloorDivRoundsTowardNegativeInfinityAsPythonDoes(long a, long b, long expected) =>
        Assert.Equal(expected, ConvArithmetic.FloorDiv(a, b));

    [Theory]
    [InlineData(7, 2, 4)]
    [InlineData(8, 2, 4)]
    [InlineData(1, 3, 1)]
    public void CeilDivRoundsUp(long a, long b, long expected) => Assert.Equal(expected, ConvArithmetic.CeilDiv(a, b));

    // floor((in + pad_l + pad_r - dilation * (k - 1) - 1) / stride) + 1
    [Theory]
    [InlineData(64, 1, 1, 3, 1, 1, 64)]
    [InlineData(32, 0, 0, 5, 2, 1, 14)]
    [InlineData(50, 0, 0, 3, 2, 1, 24)]
    [InlineData(10, 0, 0, 3, 1, 2, 6)]
    [InlineData(11, 2, 2, 5, 2, 1, 6)]
    [InlineData(9, 1, 2, 4, 1, 1, 9)]
    [InlineData(224, 3, 3, 7, 2, 1, 112)]
    [InlineData(4, 0, 0, 5, 1, 1, 0)]
    public void OutputSizeFollowsTheConvolutionFormula(long input, long padLeft, long padRight, long kernel, long stride, long dilation, long expected) =>
        Assert.Equal(expected, ConvArithmetic.OutputSize(input, padLeft, padRight, kernel, stride, dilation));

    // (in - 1) * stride - 2 * pad + dilation * (k - 1) + output_padding + 1
    [Theory]
    [InlineData(50, 3, 2, 0, 1, 0, 101)]
    [InlineData(50, 3, 2, 4, 1, 0, 93)]
    [InlineData(6, 3, 2, 1, 1, 1, 12)]
    [InlineData(5, 3, 2, 0, 2, 1, 14)]
    [InlineData(4, 2, 2, 0, 1, 0, 8)]
    [InlineData(1, 3, 1, 3, 1, 0, -3)]
    public void TransposedOutputSizeFollowsItsFormula(long input, long kernel, long stride, long padding, long dilation, long outputPadding, long expected) =>
        Assert.Equal(expected, ConvArithmetic.TransposedOutputSize(input, padding, kernel, stride, dilation, outputPadding));

    // 'same': total = dilation * (k - 1), left = total // 2, right = total - left
    [Theory]
    [InlineData(3, 1, 1, 1)]
    [InlineData(4, 1, 1, 2)]
    [InlineData(4, 3, 4, 5)]
    [InlineData(5, 2, 4, 4)]
    [InlineData(1, 1, 0, 0)]
    public void SamePaddingPutsTheOddPixelOnTheRight(long kernel, long dilation, long left, long right) =>
        Assert.Equal((left, right), ConvArithmetic.SamePadding(kernel, dilation));

    [Theory]
    [InlineData(3, 1, 3)]
    [InlineData(3, 2, 5)]
    [InlineData(1, 4, 1)]
    public void EffectiveKernelIsTheDilatedSpan(long kernel, long dilation, long expected) =>
        Assert.Equal(expected, ConvArithmetic.EffectiveKernel(kernel, dilation));
}
