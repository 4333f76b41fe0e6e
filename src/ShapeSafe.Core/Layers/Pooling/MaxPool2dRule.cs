namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.MaxPool2d: 2 spatial dimensions.</summary>
public sealed class MaxPool2dRule : MaxPoolNdRule
{
    public MaxPool2dRule()
        : base(2)
    {
    }
}
