namespace ShapeSafe.Torch.Interop;

/// <summary>A PyTorch state_dict file (.pt, .pth, .safetensors), the model file it belongs to, and the checkpoint to write.</summary>
public sealed record ImportRequest(string WeightsPath, string ModelPath, string OutputPath);
