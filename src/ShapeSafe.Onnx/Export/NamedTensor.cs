namespace ShapeSafe.Onnx.Export;

/// <summary>One float32 tensor of a state_dict (row-major data and its shape), as the exporter takes weights.</summary>
public sealed record NamedTensor(long[] Shape, float[] Data);
