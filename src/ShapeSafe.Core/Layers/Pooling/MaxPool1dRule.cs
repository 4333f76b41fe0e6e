namespace ShapeSafe.Layers.Pooling;

/// <summary>nn.MaxPool1d: 1 spatial dimension.</summary>
public sealed class MaxPool1dRule : MaxPoolNdRule
{
    public MaxPool1dRule()
        : base(1)
    {
    }
}
