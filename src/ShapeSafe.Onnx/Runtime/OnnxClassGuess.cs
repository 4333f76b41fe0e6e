namespace ShapeSafe.Onnx.Runtime;

/// <summary>One class of an image's top k: its name, its index in the model's classes, and its softmax probability.</summary>
public sealed record OnnxClassGuess(string Class, int Index, double Probability);
