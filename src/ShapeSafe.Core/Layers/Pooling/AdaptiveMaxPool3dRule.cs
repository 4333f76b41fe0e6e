namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveMaxPool3d: 3 spatial dimensions.</summary>
public sealed class AdaptiveMaxPool3dRule : AdaptivePoolNdRule
{
    public AdaptiveMaxPool3dRule()
        : base(3, max: true)
    {
    }
}
