namespace ShapeSafe.Torch.Interop;

/// <summary>
/// A PyTorch state_dict file (.pt, .pth, .safetensors) or a run folder of train_ddp.py (which names its own model), the model a state_dict file belongs to (a model file, or a .py file with the class
/// to use when it has several), and the checkpoint to write.
/// </summary>
public sealed record ImportRequest(string WeightsPath, string? ModelPath, string OutputPath, string? ClassName = null);
