namespace ShapeSafe.Torch.Runtime;

/// <summary>A slice of an index at run time (<c>x[1:-1:2]</c>); each part null where omitted.</summary>
internal sealed record RuntimeSlice(long? Start, long? Stop, long? Step);
