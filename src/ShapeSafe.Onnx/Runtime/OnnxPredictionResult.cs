namespace ShapeSafe.Onnx.Runtime;

/// <summary>The top-k classes of each image (in the order given) and the serving metadata they were computed with.</summary>
public sealed record OnnxPredictionResult(string ModelPath, OnnxServingMetadata Metadata, IReadOnlyList<OnnxImagePrediction> Predictions);
