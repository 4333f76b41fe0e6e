namespace ShapeSafe.Explain;

/// <summary>One way a flattened size can come from square feature maps: <c>Channels x Side x Side</c>.</summary>
public sealed record FactorHint(long Channels, long Side)
{
    public long Height => Side;

    public long Width => Side;

    public override string ToString() => $"{Channels}x{Side}x{Side}";
}
