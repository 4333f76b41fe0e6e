namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.ConvTranspose1d (and LazyConvTranspose1d): 1 spatial dimension.</summary>
public sealed class ConvTranspose1dRule : ConvTransposeNdRule
{
    public ConvTranspose1dRule()
        : base(1)
    {
    }
}
