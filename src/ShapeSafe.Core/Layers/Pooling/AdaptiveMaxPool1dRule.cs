namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AdaptiveMaxPool1d: 1 spatial dimension.</summary>
public sealed class AdaptiveMaxPool1dRule : AdaptivePoolNdRule
{
    public AdaptiveMaxPool1dRule()
        : base(1, max: true)
    {
    }
}
