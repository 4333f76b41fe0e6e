using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// Python's binary operators on tensors and their torch.* and method spellings (<c>a + b</c>, <c>x // 2</c>,
/// <c>torch.remainder</c>, <c>m1 &amp; m2</c>, <c>x.__radd__(y)</c>), with PyTorch 1.13's semantics: floor_divide
/// floors, remainder takes the divisor's sign, an integer tensor next to a float one (or a float number) is promoted,
/// two integers stay int64. Bool masks (float 0/1, see <see cref="OnnxGraphBuilder.IsBoolMask"/>) combine with
/// <c>&amp;</c>, <c>|</c>, <c>^</c> exactly as Mul, Max and |a - b|.
/// </summary>
internal static class ArithmeticOps
{
    /// <summary>
    /// The spellings of each operation: operator names (Python's <c>operator</c> module, in-place too), tensor methods
    /// and torch functions. Adding an operation is one row here and one case in <see cref="Map"/>.
    /// </summary>
    private static readonly (string Op, string[] Operators, string[] Methods, string[] Functions)[] Rows =
    [
        ("add", ["add", "iadd"], ["add", "__add__", "__radd__"], ["torch.add"]),
        ("sub", ["sub", "isub"], ["sub", "__sub__"], ["torch.sub"]),
        ("mul", ["mul", "imul"], ["mul", "__mul__", "__rmul__"], ["torch.mul"]),
        ("truediv", ["truediv", "itruediv"], ["div", "__truediv__"], ["torch.div"]),
        ("floordiv", ["floordiv", "ifloordiv"], ["floor_divide", "__floordiv__"], ["torch.floor_divide"]),
        ("mod", ["mod", "imod"], ["remainder"], ["torch.remainder"]),
        ("pow", ["pow", "ipow"], ["pow", "__pow__"], ["torch.pow"]),
        ("and", ["and_", "iand"], [], []),
        ("or", ["or_", "ior"], [], []),
        ("xor", ["xor", "ixor"], [], []),
        ("lshift", ["lshift", "ilshift"], [], []),
        ("rshift", ["rshift", "irshift"], [], []),
    ];

    private static readonly Dictionary<string, string> Simple = new(StringComparer.Ordinal)
    {
        ["add"] = "Add", ["sub"] = "Sub", ["mul"] = "Mul", ["pow"] = "Pow",
    };

    /// <summary>The operation of each target, keyed <c>kind:target</c> (operator:floordiv → floordiv).</summary>
    public static IReadOnlyDictionary<string, string> Targets { get; } = Rows
        .SelectMany(r => r.Operators.Select(o => ("operator:" + o, r.Op)).Concat(r.Methods.Select(m => ("method:" + m, r.Op))).Concat(r.Functions.Select(f => ("function:" + f, r.Op))))
        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>
    /// The ONNX value of <paramref name="op"/> on two operands (a <see cref="TensorRef"/> or a Python number);
    /// <paramref name="alpha"/> scales the right operand of add/sub, <paramref name="roundingMode"/> is torch.div's.
    /// </summary>
    public static string Map(OnnxGraphBuilder b, string op, object? left, object? right, object? alpha, string? roundingMode, Func<string, Exception> refuse)
    {
        switch (op)
        {
            case "and" or "or" or "xor":
                return Logical(b, op, left, right, refuse);
            case "lshift" or "rshift":
                return Shift(b, op, left, right, refuse);
        }

        var (l, r, integer) = Common(b, left, right, refuse);
        if (alpha is not null)
        {
            if (integer && alpha is long a)
            {
                r = b.Op("Mul", [r, b.LongScalar(a)]);
            }
            else
            {
                (l, r, integer) = (b.AsFloat(l), b.AsFloat(r), false);
                r = b.Op("Mul", [r, b.Scalar(AsDouble(alpha, refuse))]);
            }
        }

        if (op == "truediv" && roundingMode is not null)
        {
            op = roundingMode switch
            {
                "floor" => "floordiv",
                "trunc" => "truncdiv",
                _ => throw refuse($"rounding_mode='{roundingMode}'"),
            };
        }

        var result = op switch
        {
            _ when Simple.TryGetValue(op, out var onnx) => b.Op(onnx, [l, r]),
            "truediv" => b.Op("Div", [b.AsFloat(l), b.AsFloat(r)]),
            "truncdiv" when integer => b.Op("Div", [l, r]),
            "truncdiv" => Truncate(b, b.Op("Div", [l, r])),
            "floordiv" when integer => b.Op("Div", [b.Op("Sub", [l, b.Op("Mod", [l, r], Int("fmod", 0))]), r]),
            "floordiv" => FloorDivide(b, l, r),
            "mod" when integer => b.Op("Mod", [l, r], Int("fmod", 0)),
            "mod" => Remainder(b, l, r),
            _ => throw refuse($"the operation {op}"),
        };
        return integer ? b.MarkInteger(result) : result;
    }

    /// <summary>
    /// Two operands of one type, as PyTorch promotes them: int64 when both are integers (an int64 tensor or a Python
    /// int or bool), float32 otherwise (an int64 tensor cast).
    /// </summary>
    public static (string Left, string Right, bool Integer) Common(OnnxGraphBuilder b, object? left, object? right, Func<string, Exception> refuse)
    {
        var integer = IsInteger(b, left) && IsInteger(b, right);
        return (Operand(b, left, integer, refuse), Operand(b, right, integer, refuse), integer);
    }

    private static bool IsInteger(OnnxGraphBuilder b, object? value) => value switch
    {
        TensorRef t => b.IsInteger(t.Name),
        long or int or bool => true,
        _ => false,
    };

    private static string Operand(OnnxGraphBuilder b, object? value, bool integer, Func<string, Exception> refuse) => value switch
    {
        TensorRef t => integer ? t.Name : b.AsFloat(t.Name),
        bool f when integer => b.LongScalar(f ? 1 : 0),
        long l when integer => b.LongScalar(l),
        int i when integer => b.LongScalar(i),
        bool f => b.Scalar(f ? 1 : 0),
        long or int or double or float => b.Scalar(AsDouble(value, refuse)),
        _ => throw refuse($"an operand {value ?? "None"} that is not a tensor or a number"),
    };

    private static double AsDouble(object? value, Func<string, Exception> refuse) => value switch
    {
        long l => l,
        int i => i,
        double d => d,
        float f => f,
        bool f => f ? 1 : 0,
        _ => throw refuse($"{value ?? "None"} is not a number the exporter knows"),
    };

    /// <summary>
    /// Float floor division as PyTorch 1.13 computes it (not floor(a / b), which rounds a / b first): the quotient
    /// of a - fmod(a, b), one less where the remainder's sign differs from the divisor's, then floored and rounded to
    /// the nearer integer.
    /// </summary>
    private static string FloorDivide(OnnxGraphBuilder b, string a, string d)
    {
        var mod = b.Op("Mod", [a, d], Int("fmod", 1));
        var div = b.Op("Div", [b.Op("Sub", [a, mod]), d]);
        var adjusted = b.Op("Where", [SignDiffers(b, mod, d), b.Op("Sub", [div, b.Scalar(1)]), div]);
        var floor = b.Op("Floor", [adjusted]);
        var up = b.Op("Greater", [b.Op("Sub", [adjusted, floor]), b.Scalar(0.5)]);
        return b.Op("Where", [up, b.Op("Add", [floor, b.Scalar(1)]), floor]);
    }

    /// <summary>Float remainder with the divisor's sign, as PyTorch computes it: fmod(a, b), plus b where the signs differ.</summary>
    private static string Remainder(OnnxGraphBuilder b, string a, string d)
    {
        var mod = b.Op("Mod", [a, d], Int("fmod", 1));
        return b.Op("Where", [SignDiffers(b, mod, d), b.Op("Add", [mod, d]), mod]);
    }

    /// <summary>True where the remainder is not 0 and its sign differs from the divisor's.</summary>
    private static string SignDiffers(OnnxGraphBuilder b, string mod, string d)
    {
        var nonZero = b.Op("Not", [b.Op("Equal", [mod, b.Scalar(0)])]);
        var differs = b.Op("Xor", [b.Op("Less", [mod, b.Scalar(0)]), b.Op("Less", [d, b.Scalar(0)])]);
        return b.Op("And", [nonZero, differs]);
    }

    /// <summary>Rounds toward zero: sign(q) * floor(|q|).</summary>
    private static string Truncate(OnnxGraphBuilder b, string q) => b.Op("Mul", [b.Op("Sign", [q]), b.Op("Floor", [b.Op("Abs", [q])])]);

    /// <summary>
    /// <c>&amp;</c>, <c>|</c>, <c>^</c> on bool masks (float 0/1) as Mul, Max, |a - b|. On int64 tensors they need ONNX's
    /// BitwiseAnd/Or/Xor, which opset 18 added; the exporter writes opset 17 and refuses them.
    /// </summary>
    private static string Logical(OnnxGraphBuilder b, string op, object? left, object? right, Func<string, Exception> refuse)
    {
        var symbol = op switch { "and" => "&", "or" => "|", _ => "^" };
        if (!IsMask(b, left) || !IsMask(b, right))
        {
            throw IsInteger(b, left) && IsInteger(b, right)
                ? refuse($"{symbol} on integer tensors needs ONNX's Bitwise{char.ToUpperInvariant(op[0])}{op[1..]} (opset 18); the exporter writes opset 17")
                : refuse($"{symbol} on a float tensor (PyTorch takes bool or integer tensors)");
        }

        var (l, r) = (Mask(b, left), Mask(b, right));
        var result = op switch
        {
            "and" => b.Op("Mul", [l, r]),
            "or" => b.Op("Max", [l, r]),
            _ => b.Op("Abs", [b.Op("Sub", [l, r])]),
        };
        return b.MarkBoolMask(result);
    }

    /// <summary><c>~m</c> of a bool mask is 1 - m; <c>~x</c> of an int64 tensor is -x - 1 (two's complement), exactly.</summary>
    public static string Invert(OnnxGraphBuilder b, object? value, Func<string, Exception> refuse) => value switch
    {
        TensorRef t when b.IsBoolMask(t.Name) => b.MarkBoolMask(b.Op("Sub", [b.Scalar(1), t.Name])),
        TensorRef t when b.IsInteger(t.Name) => b.MarkInteger(b.Op("Sub", [b.Op("Neg", [t.Name]), b.LongScalar(1)])),
        _ => throw refuse("~ on a float tensor (PyTorch takes bool or integer tensors)"),
    };

    /// <summary>
    /// <c>x &lt;&lt; k</c> and <c>x &gt;&gt; k</c> of an int64 tensor by a fixed k in [0, 62]: x * 2^k (wrapping as PyTorch's
    /// shift does) and floor(x / 2^k) (an arithmetic shift), exactly. ONNX's BitShift takes unsigned integers only.
    /// </summary>
    private static string Shift(OnnxGraphBuilder b, string op, object? left, object? right, Func<string, Exception> refuse)
    {
        var symbol = op == "lshift" ? "<<" : ">>";
        if (left is not TensorRef t || !b.IsInteger(t.Name))
        {
            throw refuse($"{symbol} of {(left is TensorRef ? "a float or bool tensor" : left ?? "None")} (the exporter shifts int64 tensors)");
        }

        if (right is not (long and >= 0 and <= 62))
        {
            throw refuse($"{symbol} by {(right is TensorRef ? "a tensor" : right ?? "None")} (the exporter shifts by a fixed amount from 0 to 62; ONNX's BitShift takes unsigned integers only)");
        }

        var power = b.LongScalar(1L << (int)(long)right);
        var result = op == "lshift"
            ? b.Op("Mul", [t.Name, power])
            : b.Op("Div", [b.Op("Sub", [t.Name, b.Op("Mod", [t.Name, power], Int("fmod", 0))]), power]);
        return b.MarkInteger(result);
    }

    private static bool IsMask(OnnxGraphBuilder b, object? value) => value is bool || (value is TensorRef t && b.IsBoolMask(t.Name));

    private static string Mask(OnnxGraphBuilder b, object? value) => value is bool f ? b.Scalar(f ? 1 : 0) : ((TensorRef)value!).Name;
}
