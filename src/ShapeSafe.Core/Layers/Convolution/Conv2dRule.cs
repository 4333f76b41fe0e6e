namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.Conv2d (and LazyConv2d): 2 spatial dimensions.</summary>
public sealed class Conv2dRule : ConvNdRule
{
    public Conv2dRule()
        : base(2)
    {
    }
}
