namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AvgPool1d: 1 spatial dimension.</summary>
public sealed class AvgPool1dRule : AvgPoolNdRule
{
    public AvgPool1dRule()
        : base(1)
    {
    }
}
