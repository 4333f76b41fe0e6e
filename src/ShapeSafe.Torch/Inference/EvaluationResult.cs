using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Torch.Inference;

/// <summary>A checkpoint measured on a test set: accuracy, loss, per-class precision/recall/F1 and the confusion matrix.</summary>
public sealed record EvaluationResult(string CheckpointPath, string DataPath, CheckpointMeta Meta, ClassificationReport Report);
