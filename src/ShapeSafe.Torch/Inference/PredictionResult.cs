using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Inference;

/// <summary>The top-k classes of each image, in the order the images were given.</summary>
public sealed record PredictionResult(string CheckpointPath, CheckpointMeta Meta, IReadOnlyList<ImagePrediction> Predictions);
