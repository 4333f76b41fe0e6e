namespace ShapeSafe.Interop;

/// <summary>A tensor as torch._utils._rebuild_tensor_v2 describes it: a view of a storage (offset and strides in elements).</summary>
public sealed record TorchTensorRef(TorchStorageRef Storage, long Offset, long[] Shape, long[] Stride);
