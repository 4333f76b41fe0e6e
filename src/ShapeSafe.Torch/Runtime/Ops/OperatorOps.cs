using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Python operators on tensors and on sizes (<c>x + y</c>, <c>c * h * w</c>, <c>n // 2</c>, <c>-x</c>) and their torch.* spellings.</summary>
internal static class OperatorOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Binary("+", (a, b) => a + b, (a, b) => a + b, "torch.add", "add", "__add__", "__radd__", "+="),
        .. Binary("-", (a, b) => a - b, (a, b) => a - b, "torch.sub", "sub", "__sub__", "-="),
        .. Binary("*", (a, b) => a * b, (a, b) => a * b, "torch.mul", "mul", "__mul__", "__rmul__", "*="),
        .. Binary("/", (a, b) => a / b, null, "torch.div", "div", "__truediv__", "/="),
        .. Binary("//", (a, b) => a.floor_divide(b), (a, b) => (long)Math.Floor((double)a / b), "torch.floor_divide", "floor_divide", "__floordiv__", "//="),
        .. Binary("**", (a, b) => a.pow(b), (a, b) => (long)Math.Pow(a, b), "torch.pow", "pow", "__pow__"),
        OpEntry.Operator("neg", Negate),
        OpEntry.Operator("-x", Negate),
        OpEntry.Function("torch.neg", Negate),
        OpEntry.Method("neg", Negate),
        OpEntry.Function("torch.maximum", c => maximum(c.Tensor(0, "input"), c.Tensor(1, "other"))),
        OpEntry.Function("torch.minimum", c => minimum(c.Tensor(0, "input"), c.Tensor(1, "other"))),
    ];

    /// <summary>
    /// One operator under its symbol and its function/method names. Two longs stay a long (sizes); a long and a
    /// double make a double; anything with a tensor makes a tensor (scalars kept as Python scalars, as PyTorch does).
    /// </summary>
    private static IEnumerable<OpEntry> Binary(string symbol, Func<Tensor, Tensor, Tensor> tensors, Func<long, long, long>? longs, params string[] names)
    {
        Op run = c => Apply(c, symbol, tensors, longs);
        yield return OpEntry.Operator(symbol, run);
        foreach (var name in names)
        {
            yield return name.StartsWith("torch.", StringComparison.Ordinal) ? OpEntry.Function(name, run)
                : name.StartsWith("__", StringComparison.Ordinal) || char.IsLetter(name[0]) ? OpEntry.Method(name, run)
                : OpEntry.Operator(name, run);
        }
    }

    private static object Apply(OpCall c, string symbol, Func<Tensor, Tensor, Tensor> tensors, Func<long, long, long>? longs)
    {
        var a = c.Get(0, "input");
        var b = c.Get(1, "other");
        if (a is long x && b is long y && longs is not null)
        {
            if (symbol == "//" && y == 0)
            {
                throw c.Fail("integer division by zero");
            }

            return longs(x, y);
        }

        if (a is not Tensor && b is not Tensor)
        {
            var l = c.AsDouble(a, "input");
            var r = c.AsDouble(b, "other");
            return symbol switch
            {
                "+" => l + r,
                "-" => l - r,
                "*" => l * r,
                "/" => l / r,
                "//" => Math.Floor(l / r),
                _ => Math.Pow(l, r),
            };
        }

        var ta = a as Tensor ?? Scalar(c, a, (Tensor)b!, "input");
        var tb = b as Tensor ?? Scalar(c, b, ta, "other");
        return tensors(ta, tb);
    }

    /// <summary>A Python number next to a tensor: a 0-d tensor of the tensor's type (a float scalar promotes an integer tensor).</summary>
    private static Tensor Scalar(OpCall c, object? value, Tensor like, string name) =>
        value switch
        {
            long l => tensor(l, like.is_floating_point() ? like.dtype : ScalarType.Int64, like.device),
            double d => tensor(d, like.is_floating_point() ? like.dtype : ScalarType.Float32, like.device),
            bool b => tensor(b ? 1L : 0L, like.dtype, like.device),
            _ => c.AsTensor(value, name),
        };

    private static object Negate(OpCall c) =>
        c.Get(0, "input") switch
        {
            long l => -l,
            double d => -d,
            var v => -c.AsTensor(v, "input"),
        };
}
