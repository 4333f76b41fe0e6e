using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Named binary ops with broadcasting (<c>torch.add(x, y, alpha=2)</c>, <c>x.div(2, rounding_mode='floor')</c>,
/// <c>x.eq(y)</c>, <c>x.masked_fill_(m, 0)</c>, <c>torch.where</c>) under the spellings PyTorch 1.13 has: <c>t</c>
/// (<c>torch.X</c>), <c>m</c> (<c>x.X(y)</c>), <c>m_</c> (<c>x.X_(y)</c>, in place: the result is written into x),
/// <c>d</c> (<c>x.__X__(y)</c>). A Python number next to a tensor is a wrapped number, as in PyTorch: it does not
/// promote a float32 tensor to float64, and a float makes an integer tensor float32.
/// </summary>
internal static class BinaryOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Binary("add", "t m m_ d", Add),
        .. Binary("sub", "t m m_ d", Sub),
        .. Binary("subtract", "t m m_", Sub),
        .. Binary("mul", "t m m_ d", Plain((a, b) => a.mul(b), (a, s) => a.mul(s))),
        .. Binary("multiply", "t m m_", Plain((a, b) => a.mul(b), (a, s) => a.mul(s))),
        .. Binary("div", "t m m_ d", Div),
        .. Binary("divide", "t m m_", Div),
        .. Binary("true_divide", "t m m_", Plain((a, b) => a.div(b), (a, s) => a.div(s))),
        .. Binary("floor_divide", "t m m_", Plain((a, b) => a.floor_divide(b), (a, s) => a.floor_divide(s))),
        .. Binary("remainder", "t m m_", Plain((a, b) => a.remainder(b), (a, s) => a.remainder(s))),
        .. Binary("fmod", "t m m_", Plain((a, b) => a.fmod(b), (a, s) => a.fmod(s))),
        .. Binary("pow", "t m m_ d", Plain((a, b) => a.pow(b), (a, s) => a.pow(s)), "exponent"),
        .. Binary("maximum", "t m", Plain((a, b) => maximum(a, b))),
        .. Binary("minimum", "t m", Plain((a, b) => minimum(a, b))),
        .. Binary("fmax", "t m", Plain((a, b) => a.fmax(b))),
        .. Binary("fmin", "t m", Plain((a, b) => a.fmin(b))),
        .. Binary("atan2", "t m m_", Plain((a, b) => a.atan2(b))),
        .. Binary("eq", "t m m_ d", Plain((a, b) => a.eq(b))),
        .. Binary("ne", "t m m_ d", Plain((a, b) => a.ne(b))),
        .. Binary("lt", "t m m_ d", Plain((a, b) => a.lt(b))),
        .. Binary("le", "t m m_ d", Plain((a, b) => a.le(b))),
        .. Binary("gt", "t m m_ d", Plain((a, b) => a.gt(b))),
        .. Binary("ge", "t m m_ d", Plain((a, b) => a.ge(b))),
        .. Binary("not_equal", "t m m_", Plain((a, b) => a.ne(b))),
        .. Binary("less", "t m m_", Plain((a, b) => a.lt(b))),
        .. Binary("less_equal", "t m m_", Plain((a, b) => a.le(b))),
        .. Binary("greater", "t m m_", Plain((a, b) => a.gt(b))),
        .. Binary("greater_equal", "t m m_", Plain((a, b) => a.ge(b))),
        .. Binary("logical_and", "t m m_", Plain((a, b) => a.logical_and(b))),
        .. Binary("logical_or", "t m m_", Plain((a, b) => a.logical_or(b))),
        .. Binary("logical_xor", "t m m_", Plain((a, b) => a.logical_xor(b))),
        .. Binary("bitwise_and", "t m m_", Plain((a, b) => a.bitwise_and(b))),
        .. Binary("bitwise_or", "t m m_", Plain((a, b) => a.bitwise_or(b))),
        .. Binary("bitwise_xor", "t m m_", Plain((a, b) => a.bitwise_xor(b))),
        .. Binary("hypot", "t m m_", Plain((a, b) => a.hypot(b))),
        .. Binary("copysign", "t m m_", Plain((a, b) => a.copysign(b))),
        .. Binary("xlogy", "t m m_", Plain((a, b) => a.xlogy(b), (a, s) => a.xlogy(s))),
        .. Binary("masked_fill", "t m m_", MaskedFill, "mask"),
        .. Binary("lerp", "t m m_", Lerp, "end"),
        .. Binary("rsub", "t d", Rsub),
        OpEntry.Function("torch.where", Where),
        OpEntry.Method("where", Where),
    ];

    /// <summary>Runs a binary op on the call's resolved operands (a tensor first; the second a tensor or a Python number).</summary>
    private delegate Tensor Run(OpCall c, Tensor a, object? b, string name);

    private static IEnumerable<OpEntry> Binary(string name, string spellings, Run run, string second = "other")
    {
        Op outOfPlace = c => Apply(c, run, second);
        Op inPlace = c => InPlace.Write(c, c.Tensor(0, "input"), Apply(c, run, second));
        foreach (var spelling in spellings.Split(' '))
        {
            yield return spelling switch
            {
                "t" => OpEntry.Function("torch." + name, outOfPlace),
                "m" => OpEntry.Method(name, outOfPlace),
                "m_" => OpEntry.Method(name + "_", inPlace),
                _ => OpEntry.Method("__" + name + "__", outOfPlace),
            };
        }
    }

    private static Tensor Apply(OpCall c, Run run, string second)
    {
        var first = c.Get(0, "input") ?? c.Get(0, "self");
        var other = c.Get(1, second);
        if (first is Tensor a)
        {
            return run(c, a, other, second);
        }

        if (other is not Tensor b)
        {
            throw c.Fail($"expected a tensor, got {OpCall.Describe(first)} and {OpCall.Describe(other)}");
        }

        var made = DTypeArgs.Operand(c, first, b, "input");
        try
        {
            return run(c, made, b, second);
        }
        finally
        {
            made.Dispose();
        }
    }

    /// <summary>An op on two tensors; a Python number second operand goes to <paramref name="scalar"/> (a libtorch wrapped number) when given, else becomes a tensor as PyTorch promotes it.</summary>
    private static Run Plain(Func<Tensor, Tensor, Tensor> tensors, Func<Tensor, Scalar, Tensor>? scalar = null) =>
        (c, a, b, name) =>
        {
            if (b is Tensor t)
            {
                return tensors(a, t);
            }

            if (scalar is not null && b is long or double or bool)
            {
                return scalar(a, DTypeArgs.Scalar(c, b, name));
            }

            var made = DTypeArgs.Operand(c, b, a, name);
            try
            {
                return tensors(a, made);
            }
            finally
            {
                made.Dispose();
            }
        };

    private static Tensor Add(OpCall c, Tensor a, object? b, string name)
    {
        if (c.Get(2, "alpha") is not { } alpha)
        {
            return Plain((x, y) => x.add(y), (x, s) => x.add(s))(c, a, b, name);
        }

        var weight = DTypeArgs.Scalar(c, alpha, "alpha");
        return Plain((x, y) => x.add(y, weight), (x, s) => x.add(s, weight))(c, a, b, name);
    }

    /// <summary>input - alpha * other; PyTorch refuses <c>-</c> on bool tensors.</summary>
    private static Tensor Sub(OpCall c, Tensor a, object? b, string name)
    {
        var boolB = b is Tensor { dtype: ScalarType.Bool };
        if (a.dtype == ScalarType.Bool && boolB)
        {
            throw c.Fail("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.");
        }

        if (a.dtype == ScalarType.Bool || boolB)
        {
            throw c.Fail("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }

        var weight = Negated(c, c.Get(2, "alpha") ?? 1L);
        return Plain((x, y) => x.add(y, weight), (x, s) => x.add(s, weight))(c, a, b, name);
    }

    /// <summary>other - alpha * input (<c>torch.rsub</c>, <c>x.__rsub__(y)</c>).</summary>
    private static Tensor Rsub(OpCall c, Tensor a, object? b, string name)
    {
        var weight = Negated(c, c.Get(2, "alpha") ?? 1L);
        var other = DTypeArgs.Operand(c, b, a, name);
        try
        {
            return other.add(a, weight);
        }
        finally
        {
            DTypeArgs.DisposeMade(other, b);
        }
    }

    private static Scalar Negated(OpCall c, object alpha) =>
        alpha switch
        {
            long l => (Scalar)(-l),
            double d => (Scalar)(-d),
            bool flag => (Scalar)(flag ? -1L : 0L),
            _ => throw c.Fail($"alpha must be a number, not {OpCall.Describe(alpha)}"),
        };

    /// <summary>div with <c>rounding_mode</c> None (true division: an integer tensor divided gives float32), 'trunc' or 'floor'.</summary>
    private static Tensor Div(OpCall c, Tensor a, object? b, string name)
    {
        var mode = c.String(2, "rounding_mode", null) switch
        {
            null => RoundingMode.None,
            "trunc" => RoundingMode.trunc,
            "floor" => RoundingMode.floor,
            var other => throw c.Fail($"div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{other}'"),
        };
        return Plain((x, y) => x.div(y, mode), (x, s) => x.div(s, mode))(c, a, b, name);
    }

    /// <summary>masked_fill(mask, value): value a number or a 0-d tensor, cast to the input's type.</summary>
    private static Tensor MaskedFill(OpCall c, Tensor a, object? mask, string name)
    {
        var value = c.Get(2, "value");
        if (value is Tensor { NumberOfElements: not 1 })
        {
            throw c.Fail("masked_fill only supports a 0-dimensional value tensor");
        }

        return a.masked_fill(c.AsTensor(mask, name), DTypeArgs.Scalar(c, value, "value"));
    }

    /// <summary>lerp(end, weight): input + weight * (end - input), weight a number or a tensor.</summary>
    private static Tensor Lerp(OpCall c, Tensor a, object? end, string name)
    {
        var target = c.AsTensor(end, name);
        var weight = c.Get(2, "weight");
        var w = DTypeArgs.Operand(c, weight, a, "weight");
        try
        {
            return a.lerp(target, w);
        }
        finally
        {
            DTypeArgs.DisposeMade(w, weight);
        }
    }

    /// <summary>
    /// torch.where(condition, input, other) and x.where(condition, other) (numbers as wrapped numbers); torch.where(condition)
    /// alone gives the indices of its nonzero elements, one tensor per dim.
    /// </summary>
    private static object Where(OpCall c)
    {
        var method = c.Node.Kind == Dataflow.NodeKind.CallMethod;
        var condition = c.Tensor(method ? 1 : 0, "condition");
        if (!method && c.Args.Count == 1 && c.Kwargs.Count == 0)
        {
            return condition.nonzero_as_list().Cast<object?>().ToList();
        }

        var input = c.Get(method ? 0 : 1, "input");
        var other = c.Get(2, "other");
        var like = input as Tensor ?? other as Tensor ?? condition;
        var x = DTypeArgs.Operand(c, input, like, "input");
        var y = DTypeArgs.Operand(c, other, x, "other");
        try
        {
            return where(condition, x, y);
        }
        finally
        {
            DTypeArgs.DisposeMade(x, input);
            DTypeArgs.DisposeMade(y, other);
        }
    }
}
