namespace ShapeSafe.Onnx.Export;

/// <summary>An argument that is a tensor of the ONNX graph: the value's name.</summary>
internal sealed record TensorRef(string Name);
