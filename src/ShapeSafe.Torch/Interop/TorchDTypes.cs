using ShapeSafe.Interop;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>Maps the file formats' element types to TorchSharp's and back.</summary>
public static class TorchDTypes
{
    public static ScalarType ToScalarType(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => ScalarType.Float32,
        TensorDType.Float64 => ScalarType.Float64,
        TensorDType.Float16 => ScalarType.Float16,
        TensorDType.BFloat16 => ScalarType.BFloat16,
        TensorDType.Int64 => ScalarType.Int64,
        TensorDType.Int32 => ScalarType.Int32,
        TensorDType.Int16 => ScalarType.Int16,
        TensorDType.Int8 => ScalarType.Int8,
        TensorDType.UInt8 => ScalarType.Byte,
        _ => ScalarType.Bool,
    };

    /// <summary>The file type of a tensor type; null for one the formats here do not carry (complex).</summary>
    public static TensorDType? FromScalarType(ScalarType type) => type switch
    {
        ScalarType.Float32 => TensorDType.Float32,
        ScalarType.Float64 => TensorDType.Float64,
        ScalarType.Float16 => TensorDType.Float16,
        ScalarType.BFloat16 => TensorDType.BFloat16,
        ScalarType.Int64 => TensorDType.Int64,
        ScalarType.Int32 => TensorDType.Int32,
        ScalarType.Int16 => TensorDType.Int16,
        ScalarType.Int8 => TensorDType.Int8,
        ScalarType.Byte => TensorDType.UInt8,
        ScalarType.Bool => TensorDType.Bool,
        _ => null,
    };

    /// <summary>A CPU tensor of the given type and shape holding <paramref name="data"/> (little-endian, C order).</summary>
    public static Tensor FromBytes(TensorDType dtype, IReadOnlyList<long> shape, byte[] data)
    {
        var tensor = empty([.. shape], dtype.ToScalarType());
        if (data.Length > 0)
        {
            tensor.bytes = data;
        }

        return tensor;
    }
}
