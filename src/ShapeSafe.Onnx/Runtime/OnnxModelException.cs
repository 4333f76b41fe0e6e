namespace ShapeSafe.Onnx.Runtime;

/// <summary>An ONNX model that cannot be loaded, or an input it cannot take: the message names the file and the value.</summary>
public sealed class OnnxModelException(string message, Exception? inner = null) : Exception(message, inner);
