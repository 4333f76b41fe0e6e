namespace ShapeSafe.Torch.Interop;

/// <summary>
/// A PyTorch state_dict file (.pt, .pth, .safetensors), the model it belongs to (a model file, or a .py file with the class
/// to use when it has several), and the checkpoint to write.
/// </summary>
public sealed record ImportRequest(string WeightsPath, string ModelPath, string OutputPath, string? ClassName = null);
