namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveAvgPool3d: 3 spatial dimensions.</summary>
public sealed class AdaptiveAvgPool3dRule : AdaptivePoolNdRule
{
    public AdaptiveAvgPool3dRule()
        : base(3, max: false)
    {
    }
}
