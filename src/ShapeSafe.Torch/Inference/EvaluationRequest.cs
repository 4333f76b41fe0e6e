using ShapeSafe.Torch.Native;

namespace ShapeSafe.Torch.Inference;

/// <summary>What to measure: a checkpoint on a test set (an IDX folder's t10k files, an image folder, or fashion-mnist), in batches of <see cref="BatchSize"/>.</summary>
public sealed record EvaluationRequest(string CheckpointPath, string DataPath, int BatchSize = 256)
{
    public DeviceRequest Device { get; init; } = DeviceRequest.Cpu;

    /// <summary>Where fashion-mnist's generated stand-in is made when the real one is not installed.</summary>
    public string GeneratedRoot { get; init; } = "runs";
}
