using ShapeSafe.Layers.Arithmetic;

namespace ShapeSafe.Tests.Layers.Arithmetic;

public sealed class PoolArithmeticTests
{
    // ATen's pooling_output_shape: div_floor(in + 2p - d(k-1) - 1 (+ s - 1 in ceil mode), s) + 1, and in ceil mode
    // the last window is dropped when it would start at or after in + p.
    [Theory]
    [InlineData(32, 2, 0, 2, 1, false, 16)]
    [InlineData(31, 2, 0, 2, 1, false, 15)]
    [InlineData(31, 2, 0, 2, 1, true, 16)]
    [InlineData(5, 2, 0, 2, 1, true, 3)]
    [InlineData(112, 3, 1, 2, 1, false, 56)]
    [InlineData(8, 3, 1, 2, 1, true, 5)]
    [InlineData(8, 3, 1, 2, 1, false, 4)]
    [InlineData(9, 3, 1, 1, 2, false, 7)]
    [InlineData(6, 1, 0, 2, 1, true, 3)] // the naive ceil formula gives 4: the 4th window would start at 6 = in + pad
    [InlineData(5, 2, 1, 3, 1, true, 2)] // the naive ceil formula gives 3: the 3rd window would start at 6 = in + pad
    [InlineData(1, 2, 0, 2, 1, false, 0)]
    [InlineData(1, 4, 0, 2, 1, true, 0)]
    [InlineData(2, 4, 0, 2, 1, false, 0)]
    public void OutputSizeMatchesAten(long input, long kernel, long padding, long stride, long dilation, bool ceilMode, long expected) =>
        Assert.Equal(expected, PoolArithmetic.OutputSize(input, kernel, padding, stride, dilation, ceilMode));

    [Theory]
    [InlineData(3, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    [InlineData(5, 2)]
    public void MaxPaddingIsHalfTheKernel(long kernel, long expected) => Assert.Equal(expected, PoolArithmetic.MaxPadding(kernel));

    [Theory]
    [InlineData(1, 3, 0)]
    [InlineData(3, 2, 2)]
    [InlineData(2, 3, 2)]
    [InlineData(2, 1, 1)]
    public void MaxPaddingForEffectiveKernelIsHalfTheDilatedSpan(long kernel, long dilation, long expected) =>
        Assert.Equal(expected, PoolArithmetic.MaxPaddingForEffectiveKernel(kernel, dilation));

    [Theory]
    [InlineData(8, 2, 4, 4.0)]
    [InlineData(5, 3, 2, 1.0)]
    [InlineData(7, 7, 1, 1.0)]
    [InlineData(4, 8, 1, 0.5)]
    public void AdaptiveWindowIsCeilAndFloorOfTheRatio(long input, long output, long kernel, double stride)
    {
        Assert.Equal(kernel, PoolArithmetic.AdaptiveKernel(input, output));
        Assert.Equal(stride, PoolArithmetic.AdaptiveStride(input, output));
    }
}
