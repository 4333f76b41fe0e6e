namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.Conv3d (and LazyConv3d): 3 spatial dimensions.</summary>
public sealed class Conv3dRule : ConvNdRule
{
    public Conv3dRule()
        : base(3)
    {
    }
}
