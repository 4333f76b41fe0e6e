namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.MaxPool3d: 3 spatial dimensions.</summary>
public sealed class MaxPool3dRule : MaxPoolNdRule
{
    public MaxPool3dRule()
        : base(3)
    {
    }
}
