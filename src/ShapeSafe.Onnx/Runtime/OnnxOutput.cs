namespace ShapeSafe.Onnx.Runtime;

/// <summary>One float32 output of a run: row-major data and its shape.</summary>
public sealed record OnnxOutput(float[] Data, long[] Shape);
