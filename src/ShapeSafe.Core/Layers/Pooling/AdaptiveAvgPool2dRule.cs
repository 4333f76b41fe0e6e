namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveAvgPool2d: 2 spatial dimensions.</summary>
public sealed class AdaptiveAvgPool2dRule : AdaptivePoolNdRule
{
    public AdaptiveAvgPool2dRule()
        : base(2, max: false)
    {
    }
}
