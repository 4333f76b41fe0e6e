namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AvgPool3d: 3 spatial dimensions.</summary>
public sealed class AvgPool3dRule : AvgPoolNdRule
{
    public AvgPool3dRule()
        : base(3)
    {
    }
}
