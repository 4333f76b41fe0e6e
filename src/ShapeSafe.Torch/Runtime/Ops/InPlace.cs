using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// In-place ops (<c>x.sigmoid_()</c>, <c>F.relu(x, inplace=True)</c>, <c>x.add_(y)</c>): the out-of-place result is written
/// into the input, which is returned (the same tensor, so the runtime keeps it alive). As PyTorch, a result whose type the
/// input cannot hold (a float into an int tensor) or whose shape differs from the input's is refused.
/// </summary>
internal static class InPlace
{
    /// <summary>Writes <paramref name="result"/> into <paramref name="target"/> and returns <paramref name="target"/>.</summary>
    public static Tensor Write(OpCall c, Tensor target, Tensor result)
    {
        if (!CanCast(result.dtype, target.dtype))
        {
            throw c.Fail($"result type {Name(result.dtype)} can't be cast to the desired output type {Name(target.dtype)}");
        }

        if (!result.shape.SequenceEqual(target.shape))
        {
            throw c.Fail($"output with shape [{string.Join(", ", target.shape)}] doesn't match the broadcast shape [{string.Join(", ", result.shape)}]");
        }

        if (!ReferenceEquals(result, target))
        {
            using (result)
            {
                target.copy_(result);
            }
        }

        return target;
    }

    /// <summary>PyTorch's <c>torch.can_cast</c>: no float into an integer or bool, no complex into a real type, nothing else into bool.</summary>
    public static bool CanCast(ScalarType from, ScalarType to)
    {
        if (from == to)
        {
            return true;
        }

        static int Kind(ScalarType t) => t switch
        {
            ScalarType.Bool => 0,
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 => 1,
            ScalarType.ComplexFloat32 or ScalarType.ComplexFloat64 => 3,
            _ => 2,
        };

        return Kind(from) <= Kind(to);
    }

    private static string Name(ScalarType t) =>
        t switch
        {
            ScalarType.Float32 => "Float",
            ScalarType.Float64 => "Double",
            ScalarType.Float16 => "Half",
            ScalarType.BFloat16 => "BFloat16",
            ScalarType.Int64 => "Long",
            ScalarType.Int32 => "Int",
            ScalarType.Int16 => "Short",
            ScalarType.Int8 => "Char",
            ScalarType.Byte => "Byte",
            ScalarType.Bool => "Bool",
            _ => t.ToString(),
        };
}
