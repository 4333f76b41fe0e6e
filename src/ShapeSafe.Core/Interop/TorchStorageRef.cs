namespace ShapeSafe.Interop;

/// <summary>A torch.save storage: its record name under data/, element type and element count.</summary>
public sealed record TorchStorageRef(string Key, TensorDType DType, long Count);
