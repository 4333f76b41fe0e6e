using ShapeSafe.Torch.Native;

namespace ShapeSafe.Torch.Inference;

/// <summary>What to classify: a checkpoint, PNG or JPEG images, how many classes to keep per image (at most the checkpoint's), and the device.</summary>
public sealed record PredictionRequest(string CheckpointPath, IReadOnlyList<string> ImagePaths, int Top = 3)
{
    public DeviceRequest Device { get; init; } = DeviceRequest.Cpu;
}
