namespace ShapeSafe.Onnx.Runtime;

/// <summary>An image's top k classes, most probable first.</summary>
public sealed record OnnxImagePrediction(string Image, IReadOnlyList<OnnxClassGuess> Top);
