using ShapeSafe.Layers.Arithmetic;

namespace ShapeSafe.Layers.Convolution;

/// <summary>
/// A convolution's constructor arguments expanded per spatial dimension. <see cref="InChannels"/> is null
/// while it is still to be inferred from the input (LazyConv2d, or in_channels omitted).
/// </summary>
public sealed record ConvConfig(
    long? InChannels,
    long OutChannels,
    long[] Kernel,
    long[] Stride,
    long[] Dilation,
    ConvPadding Padding,
    long[] OutputPadding,
    long Groups,
    bool Bias,
    string PaddingMode)
{
    public long KernelElements => SpatialArgs.Product(Kernel);

    /// <summary>The dilated kernel span per dimension: dilation * (k - 1) + 1.</summary>
    public long[] EffectiveKernel
    {
        get
        {
            var effective = new long[Kernel.Length];
            for (var i = 0; i < effective.Length; i++)
            {
                effective[i] = ConvArithmetic.EffectiveKernel(Kernel[i], Dilation[i]);
            }

            return effective;
        }
    }
}
