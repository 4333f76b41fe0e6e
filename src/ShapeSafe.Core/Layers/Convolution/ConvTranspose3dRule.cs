namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.ConvTranspose3d (and LazyConvTranspose3d): 3 spatial dimensions.</summary>
public sealed class ConvTranspose3dRule : ConvTransposeNdRule
{
    public ConvTranspose3dRule()
        : base(3)
    {
    }
}
