namespace ShapeSafe.Interop;

/// <summary>Facts about <see cref="TensorDType"/>: element sizes and PyTorch's names.</summary>
public static class TensorDTypes
{
    public static int ElementSize(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float64 or TensorDType.Int64 => 8,
        TensorDType.Float32 or TensorDType.Int32 => 4,
        TensorDType.Float16 or TensorDType.BFloat16 or TensorDType.Int16 => 2,
        _ => 1,
    };

    /// <summary>PyTorch's name of the type (torch.float32, torch.int64, ...).</summary>
    public static string TorchName(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => "torch.float32",
        TensorDType.Float64 => "torch.float64",
        TensorDType.Float16 => "torch.float16",
        TensorDType.BFloat16 => "torch.bfloat16",
        TensorDType.Int64 => "torch.int64",
        TensorDType.Int32 => "torch.int32",
        TensorDType.Int16 => "torch.int16",
        TensorDType.Int8 => "torch.int8",
        TensorDType.UInt8 => "torch.uint8",
        _ => "torch.bool",
    };

    /// <summary>A shape as PyTorch prints it in load_state_dict's messages: [128, 8192].</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The element count of a shape, or null when it overflows a long (never a valid tensor).</summary>
    public static long? ElementCount(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                return null;
            }

            try
            {
                count = checked(count * size);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return count;
    }
}
