namespace ShapeSafe.Layers.Convolution;

/// <summary>nn.Conv1d (and LazyConv1d): 1 spatial dimension.</summary>
public sealed class Conv1dRule : ConvNdRule
{
    public Conv1dRule()
        : base(1)
    {
    }
}
