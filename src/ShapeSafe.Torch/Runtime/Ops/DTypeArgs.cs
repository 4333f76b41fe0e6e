using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// dtype arguments as the graph records them (<c>torch.float64</c>, <c>torch.long</c>; <c>'torch.DoubleTensor'</c> for
/// <c>x.type(...)</c>) and Python scalars next to tensors (PyTorch's wrapped numbers: an int keeps an integer tensor's type,
/// a float keeps a float tensor's type and makes an integer tensor float32).
/// </summary>
internal static class DTypeArgs
{
    private static readonly Dictionary<string, ScalarType> Names = new(StringComparer.Ordinal)
    {
        ["torch.float32"] = ScalarType.Float32, ["torch.float"] = ScalarType.Float32, ["torch.FloatTensor"] = ScalarType.Float32,
        ["torch.float64"] = ScalarType.Float64, ["torch.double"] = ScalarType.Float64, ["torch.DoubleTensor"] = ScalarType.Float64,
        ["torch.float16"] = ScalarType.Float16, ["torch.half"] = ScalarType.Float16, ["torch.HalfTensor"] = ScalarType.Float16,
        ["torch.bfloat16"] = ScalarType.BFloat16, ["torch.BFloat16Tensor"] = ScalarType.BFloat16,
        ["torch.int64"] = ScalarType.Int64, ["torch.long"] = ScalarType.Int64, ["torch.LongTensor"] = ScalarType.Int64,
        ["torch.int32"] = ScalarType.Int32, ["torch.int"] = ScalarType.Int32, ["torch.IntTensor"] = ScalarType.Int32,
        ["torch.int16"] = ScalarType.Int16, ["torch.short"] = ScalarType.Int16, ["torch.ShortTensor"] = ScalarType.Int16,
        ["torch.int8"] = ScalarType.Int8, ["torch.CharTensor"] = ScalarType.Int8,
        ["torch.uint8"] = ScalarType.Byte, ["torch.ByteTensor"] = ScalarType.Byte,
        ["torch.bool"] = ScalarType.Bool, ["torch.BoolTensor"] = ScalarType.Bool,
        ["torch.complex64"] = ScalarType.ComplexFloat32, ["torch.cfloat"] = ScalarType.ComplexFloat32,
        ["torch.complex128"] = ScalarType.ComplexFloat64, ["torch.cdouble"] = ScalarType.ComplexFloat64,
    };

    /// <summary>True when <paramref name="value"/> names a dtype.</summary>
    public static bool IsDType(object? value) => value is ScalarType || (value is string s && Names.ContainsKey(s));

    /// <summary>The dtype argument at <paramref name="index"/> or keyword <paramref name="name"/>; null when absent or None.</summary>
    public static ScalarType? Optional(OpCall c, int index, string name) =>
        c.Get(index, name) switch
        {
            null => null,
            var v => Of(c, v, name),
        };

    public static ScalarType Of(OpCall c, object? value, string name) =>
        value switch
        {
            ScalarType t => t,
            string s when Names.TryGetValue(s, out var t) => t,
            _ => throw c.Fail($"{name} must be a dtype, not {OpCall.Describe(value)}"),
        };

    /// <summary>PyTorch's legacy type name of a tensor (<c>x.type()</c>): <c>torch.FloatTensor</c>.</summary>
    public static string LegacyName(Tensor t)
    {
        foreach (var (name, type) in Names)
        {
            if (type == t.dtype && name.EndsWith("Tensor", StringComparison.Ordinal))
            {
                return t.device_type == TorchSharp.DeviceType.CUDA ? name.Replace("torch.", "torch.cuda.", StringComparison.Ordinal) : name;
            }
        }

        return "torch." + t.dtype + "Tensor";
    }

    /// <summary>A Python number (or tensor) as a tensor next to <paramref name="like"/>, promoting as PyTorch's wrapped numbers do.</summary>
    public static Tensor Operand(OpCall c, object? value, Tensor like, string name) =>
        value switch
        {
            Tensor t => t,
            long l => tensor(l, like.is_floating_point() || like.is_complex() ? like.dtype : like.dtype == ScalarType.Bool ? ScalarType.Int64 : like.dtype, like.device),
            double d => tensor(d, like.is_floating_point() || like.is_complex() ? like.dtype : ScalarType.Float32, like.device),
            bool b => tensor(b ? 1L : 0L, ScalarType.Bool, like.device),
            _ => c.AsTensor(value, name),
        };

    /// <summary>A Python number as a libtorch scalar of its own kind (an int stays an int: <c>k.clamp(0, 2)</c> keeps int64).</summary>
    public static TorchSharp.Scalar Scalar(OpCall c, object? value, string name) =>
        value switch
        {
            long l => (TorchSharp.Scalar)l,
            double d => (TorchSharp.Scalar)d,
            bool b => (TorchSharp.Scalar)b,
            Tensor { NumberOfElements: 1 } t when t.is_floating_point() => (TorchSharp.Scalar)Item<double>(t, ScalarType.Float64),
            Tensor { NumberOfElements: 1, dtype: ScalarType.Bool } t => (TorchSharp.Scalar)t.item<bool>(),
            Tensor { NumberOfElements: 1 } t => (TorchSharp.Scalar)Item<long>(t, ScalarType.Int64),
            _ => throw c.Fail($"{name} must be a number, not {OpCall.Describe(value)}"),
        };

    /// <summary>A one-element tensor's value read as <typeparamref name="T"/> (item() needs the matching dtype: a float32 tensor is read through float64).</summary>
    private static T Item<T>(Tensor t, ScalarType type)
        where T : unmanaged
    {
        if (t.dtype == type)
        {
            return t.item<T>();
        }

        using var converted = t.to_type(type);
        return converted.item<T>();
    }

    /// <summary>Disposes <paramref name="made"/> when <see cref="Operand"/> made it from a number (not when it is the argument itself).</summary>
    public static void DisposeMade(Tensor? made, object? argument)
    {
        if (made is not null && !ReferenceEquals(made, argument))
        {
            made.Dispose();
        }
    }
}
