namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveMaxPool2d: 2 spatial dimensions.</summary>
public sealed class AdaptiveMaxPool2dRule : AdaptivePoolNdRule
{
    public AdaptiveMaxPool2dRule()
        : base(2, max: true)
    {
    }
}
