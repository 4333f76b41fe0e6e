namespace ShapeSafe.Interop;

/// <summary>The element types that .npy, .safetensors and torch.save files can hold and ShapeSafe reads.</summary>
public enum TensorDType
{
    Float32,
    Float64,
    Float16,
    BFloat16,
    Int64,
    Int32,
    Int16,
    Int8,
    UInt8,
    Bool,
}
