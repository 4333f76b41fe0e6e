namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.ConvTranspose2d (and LazyConvTranspose2d): 2 spatial dimensions.</summary>
public sealed class ConvTranspose2dRule : ConvTransposeNdRule
{
    public ConvTranspose2dRule()
        : base(2)
    {
    }
}
