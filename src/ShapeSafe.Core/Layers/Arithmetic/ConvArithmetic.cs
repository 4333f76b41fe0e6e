namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// The size arithmetic of convolutions, per spatial dimension, shared by 1d/2d/3d (as PyTorch's _ConvNd
/// and ATen's conv output-size helpers share it).
/// </summary>
public static class ConvArithmetic
{
    /// <summary>The span of a dilated kernel: dilation * (kernel - 1) + 1.</summary>
    public static long EffectiveKernel(long kernel, long dilation) => checked((dilation * (kernel - 1)) + 1);

    /// <summary>floor((in + pad_l + pad_r - dilation * (k - 1) - 1) / stride) + 1.</summary>
    public static long OutputSize(long input, long padLeft, long padRight, long kernel, long stride, long dilation) =>
        FloorDiv(checked(input + padLeft + padRight - EffectiveKernel(kernel, dilation)), stride) + 1;

    /// <summary>
    /// The offset <c>pad_l + pad_r - dilation * (k - 1) - 1</c>, so that the output is floor((in + offset) / stride) + 1;
    /// used for symbolic sizes.
    /// </summary>
    public static long OutputOffset(long padLeft, long padRight, long kernel, long dilation) =>
        checked(padLeft + padRight - EffectiveKernel(kernel, dilation));

    /// <summary>(in - 1) * stride - 2 * pad + dilation * (k - 1) + output_padding + 1.</summary>
    public static long TransposedOutputSize(long input, long padding, long kernel, long stride, long dilation, long outputPadding) =>
        checked(((input - 1) * stride) - (2 * padding) + (dilation * (kernel - 1)) + outputPadding + 1);

    /// <summary>
    /// The constant term of the transposed size written as <c>stride * in + offset</c>:
    /// -stride - 2 * pad + dilation * (k - 1) + output_padding + 1.
    /// </summary>
    public static long TransposedOffset(long padding, long kernel, long stride, long dilation, long outputPadding) =>
        checked(-stride - (2 * padding) + (dilation * (kernel - 1)) + outputPadding + 1);

    /// <summary>
    /// padding='same' as PyTorch's _ConvNd computes it: total = dilation * (k - 1), left = total // 2,
    /// right = total - left (the extra one goes to the right for even kernels).
    /// </summary>
    public static (long Left, long Right) SamePadding(long kernel, long dilation)
    {
        var total = checked(dilation * (kernel - 1));
        var left = FloorDiv(total, 2);
        return (left, total - left);
    }

    /// <summary>Integer division rounding toward negative infinity (Python's //, ATen's div_rtn).</summary>
    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    /// <summary>Integer division rounding toward positive infinity, for positive divisors.</summary>
    public static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
