namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// The size arithmetic of pooling, per spatial dimension, as ATen's pooling_output_shape and the
/// adaptive pooling start/end index helpers compute it.
/// </summary>
public static class PoolArithmetic
{
    /// <summary>
    /// ATen's pooling_output_shape_pad_lr: div_floor(in + 2 * pad - dilation * (k - 1) - 1 + (ceil_mode ? stride - 1 : 0), stride) + 1;
    /// with ceil_mode the last window must start inside the input or the left padding, else it is dropped.
    /// </summary>
    public static long OutputSize(long input, long kernel, long padding, long stride, long dilation, bool ceilMode)
    {
        var numerator = checked(input + (2 * padding) - (dilation * (kernel - 1)) - 1 + (ceilMode ? stride - 1 : 0));
        var output = ConvArithmetic.FloorDiv(numerator, stride) + 1;
        if (ceilMode && checked((output - 1) * stride) >= input + padding)
        {
            output--;
        }

        return output;
    }

    /// <summary>
    /// The largest padding ATen accepts first: pad &lt;= ((kernel - 1) * dilation + 1) / 2 (half the effective kernel).
    /// </summary>
    public static long MaxPaddingForEffectiveKernel(long kernel, long dilation) => ConvArithmetic.FloorDiv(ConvArithmetic.EffectiveKernel(kernel, dilation), 2);

    /// <summary>The largest padding ATen's pool shape checks accept: pad &lt;= kernel / 2.</summary>
    public static long MaxPadding(long kernel) => ConvArithmetic.FloorDiv(kernel, 2);

    /// <summary>The kernel an adaptive pool is described by for receptive fields: ceil(in / out).</summary>
    public static long AdaptiveKernel(long input, long output) => ConvArithmetic.CeilDiv(input, output);

    /// <summary>
    /// The step between adaptive windows: floor(in / out) when the output is not larger than the input,
    /// else in / out (below 1: each input position feeds several outputs).
    /// </summary>
    public static double AdaptiveStride(long input, long output) => input >= output ? input / output : (double)input / output;
}
