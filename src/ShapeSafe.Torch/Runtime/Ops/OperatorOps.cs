using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Python operators by the names of Python's <c>operator</c> module (<c>add</c>, <c>floordiv</c>, <c>iadd</c>, <c>eq</c>,
/// <c>neg</c>) on tensors and on sizes (<c>c * h * w</c>, <c>n // 2</c>), and the dunder methods <c>__radd__</c>, <c>__rmul__</c>, <c>__truediv__</c>, <c>__floordiv__</c> (the named
/// ops, <c>torch.add</c>, <c>x.add(y, alpha=2)</c>, <c>__add__</c>, are in <see cref="BinaryOps"/>).
/// </summary>
internal static class OperatorOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Binary("add", (a, b) => a + b, (a, b) => a + b, (a, b) => a.add_(b), "__radd__"),
        .. Binary("sub", (a, b) => a - b, (a, b) => a - b, (a, b) => a.sub_(b)),
        .. Binary("mul", (a, b) => a * b, (a, b) => a * b, (a, b) => a.mul_(b), "__rmul__"),
        .. Binary("truediv", (a, b) => a / b, null, (a, b) => a.div_(b), "__truediv__"),
        .. Binary("floordiv", (a, b) => a.floor_divide(b), FloorDiv, (a, b) => a.floor_divide_(b), "__floordiv__"),
        .. Binary("mod", (a, b) => a.remainder(b), Mod, (a, b) => a.remainder_(b)),
        .. Binary("pow", (a, b) => a.pow(b), (a, b) => checked((long)Math.Pow(a, b)), (a, b) => a.pow_(b)),
        .. Binary("and_", (a, b) => a.bitwise_and(b), (a, b) => a & b, (a, b) => a.bitwise_and_(b)),
        .. Binary("or_", (a, b) => a.bitwise_or(b), (a, b) => a | b, (a, b) => a.bitwise_or_(b)),
        .. Binary("xor", (a, b) => a.bitwise_xor(b), (a, b) => a ^ b, (a, b) => a.bitwise_xor_(b)),
        .. Binary("lshift", (a, b) => a.bitwise_left_shift(b), (a, b) => a << (int)b, (a, b) => a.bitwise_left_shift_(b)),
        .. Binary("rshift", (a, b) => a.bitwise_right_shift(b), (a, b) => a >> (int)b, (a, b) => a.bitwise_right_shift_(b)),
        Compare("eq", (a, b) => a.eq(b), c => c == 0),
        Compare("ne", (a, b) => a.ne(b), c => c != 0),
        Compare("lt", (a, b) => a.lt(b), c => c < 0),
        Compare("le", (a, b) => a.le(b), c => c <= 0),
        Compare("gt", (a, b) => a.gt(b), c => c > 0),
        Compare("ge", (a, b) => a.ge(b), c => c >= 0),
        OpEntry.Operator("neg", Negate),
        OpEntry.Function("torch.neg", Negate),
        OpEntry.Method("neg", Negate),
        OpEntry.Operator("pos", c => c.Get(0, "input") is Tensor t ? t : c.Get(0, "input")),
        OpEntry.Operator("invert", Invert),
        OpEntry.Operator("~", Invert),
    ];

    /// <summary>
    /// One operator under its name, its in-place name (<c>iadd</c>: in place on a tensor, as PyTorch's <c>x += y</c>) and
    /// its function/method names. Two longs stay a long (sizes); a long and a double make a double; anything with a
    /// tensor makes a tensor (scalars kept as Python scalars, as PyTorch does).
    /// </summary>
    private static IEnumerable<OpEntry> Binary(string name, Func<Tensor, Tensor, Tensor> tensors, Func<long, long, long>? longs, Func<Tensor, Tensor, Tensor> inPlace, params string[] names)
    {
        yield return OpEntry.Operator(name, c => Apply(c, name, tensors, longs));
        yield return OpEntry.Operator("i" + name.TrimEnd('_'), c => c.Get(0, "input") is Tensor t ? inPlace(t, Operand(c, c.Get(1, "other"), t, "other")) : Apply(c, name, tensors, longs));
        foreach (var alias in names)
        {
            Op run = c => Apply(c, name, tensors, longs);
            yield return alias.StartsWith("torch.", StringComparison.Ordinal) ? OpEntry.Function(alias, run) : OpEntry.Method(alias, run);
        }
    }

    private static object Apply(OpCall c, string name, Func<Tensor, Tensor, Tensor> tensors, Func<long, long, long>? longs)
    {
        var a = Unbool(c.Get(0, "input"));
        var b = Unbool(c.Get(1, "other"));
        if (a is long x && b is long y && longs is not null)
        {
            if (name is "floordiv" or "mod" && y == 0)
            {
                throw c.Fail("integer division by zero");
            }

            return longs(x, y);
        }

        if (a is not Tensor && b is not Tensor)
        {
            var l = c.AsDouble(a, "input");
            var r = c.AsDouble(b, "other");
            return name switch
            {
                "add" => l + r,
                "sub" => l - r,
                "mul" => l * r,
                "truediv" => r == 0 ? throw c.Fail("division by zero") : l / r,
                "floordiv" => r == 0 ? throw c.Fail("division by zero") : Math.Floor(l / r),
                "mod" => r == 0 ? throw c.Fail("division by zero") : l - (Math.Floor(l / r) * r),
                "pow" => Math.Pow(l, r),
                _ => throw c.Fail($"{name} of {OpCall.Describe(a)} and {OpCall.Describe(b)} is not run"),
            };
        }

        var ta = a as Tensor ?? Operand(c, a, (Tensor)b!, "input");
        var tb = b as Tensor ?? Operand(c, b, ta, "other");
        return tensors(ta, tb);
    }

    private static object? Unbool(object? value) => value is bool b ? (b ? 1L : 0L) : value;

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);

    private static long Mod(long a, long b) => ((a % b) + b) % b;

    private static OpEntry Compare(string name, Func<Tensor, Tensor, Tensor> tensors, Func<int, bool> result) =>
        OpEntry.Operator(name, c =>
        {
            var a = c.Get(0, "input");
            var b = c.Get(1, "other");
            if (a is Tensor || b is Tensor)
            {
                var ta = a as Tensor ?? Operand(c, a, (Tensor)b!, "input");
                return tensors(ta, b as Tensor ?? Operand(c, b, ta, "other"));
            }

            if (a is long[] || b is long[] || a is IReadOnlyList<object?> || b is IReadOnlyList<object?>)
            {
                var equal = a is not null && b is not null && c.AsLongs(a, "input").SequenceEqual(c.AsLongs(b, "other"));
                return name switch
                {
                    "eq" => equal,
                    "ne" => !equal,
                    _ => throw c.Fail($"{name} of {OpCall.Describe(a)} and {OpCall.Describe(b)} is not run"),
                };
            }

            return result(c.AsDouble(a, "input").CompareTo(c.AsDouble(b, "other")));
        });

    /// <summary>A Python number next to a tensor: a 0-d tensor of the tensor's type (a float scalar promotes an integer tensor).</summary>
    private static Tensor Operand(OpCall c, object? value, Tensor like, string name) =>
        value switch
        {
            Tensor t => t,
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

    private static object Invert(OpCall c) =>
        c.Get(0, "input") switch
        {
            bool b => !b,
            long l => ~l,
            Tensor t when t.dtype == ScalarType.Bool => t.logical_not(),
            var v => c.AsTensor(v, "input").bitwise_not(),
        };
}
