namespace ShapeSafe.Onnx.Export;

/// <summary>A resolved slice of an index (<c>x[1:-1]</c>): its bounds, known at export time.</summary>
internal sealed record SliceValue(long? Start, long? Stop, long? Step);
