namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.AvgPool2d: 2 spatial dimensions.</summary>
public sealed class AvgPool2dRule : AvgPoolNdRule
{
    public AvgPool2dRule()
        : base(2)
    {
    }
}
