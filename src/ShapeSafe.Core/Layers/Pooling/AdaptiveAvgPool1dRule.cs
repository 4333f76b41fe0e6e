namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveAvgPool1d: 1 spatial dimension.</summary>
public sealed class AdaptiveAvgPool1dRule : AdaptivePoolNdRule
{
    public AdaptiveAvgPool1dRule()
        : base(1, max: false)
    {
    }
}
