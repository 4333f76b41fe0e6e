using ShapeSafe.Diagnostics;
using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Shape-preserving and broadcasting ops: activations (<c>F.relu</c>, <c>torch.sigmoid</c>, <c>x.tanh()</c>), dropout,
/// element-wise math, dtype/device moves (<c>to</c>, <c>float</c>, <c>contiguous</c>), in-place variants, binary ops with
/// broadcasting (<c>torch.add</c>, <c>+</c>, comparisons), <c>where</c>, <c>clamp</c> and softmax with its dim.
/// </summary>
public static class ElementwiseOps
{
    private static readonly string[] Activations =
    [
        "relu", "relu6", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "sigmoid", "tanh", "hardswish", "hardsigmoid",
        "hardtanh", "softplus", "softsign", "tanhshrink", "logsigmoid", "hardshrink", "softshrink", "threshold", "rrelu", "prelu",
    ];

    private static readonly string[] UnaryMath =
    [
        "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "rsqrt", "abs", "neg", "negative", "sin", "cos", "tan", "asin", "acos",
        "atan", "sinh", "cosh", "floor", "ceil", "round", "trunc", "frac", "sign", "sgn", "reciprocal", "square", "erf", "erfc", "erfinv",
        "sigmoid", "tanh", "relu", "bitwise_not", "logical_not", "isnan", "isinf", "isfinite", "nan_to_num", "clamp", "clip", "clamp_min",
        "clamp_max", "bernoulli", "positive", "conj", "real", "angle", "deg2rad", "rad2deg", "lgamma", "digamma", "i0", "sinc", "logit",
    ];

    private static readonly string[] Passthrough =
    [
        "contiguous", "clone", "detach", "to", "cpu", "cuda", "float", "double", "half", "bfloat16", "int", "long", "bool", "short", "byte",
        "char", "type", "type_as", "requires_grad_", "pin_memory", "zero_", "fill_", "uniform_", "normal_", "random_", "exponential_",
        "cauchy_", "log_normal_", "geometric_", "bernoulli_", "detach_", "retain_grad", "share_memory_", "coalesce", "to_dense",
        "masked_fill_", "clamp_", "clip_", "index_fill_", "scatter_", "copy_", "set_", "resize_as_", "apply_", "map_", "cumsum_",
    ];

    private static readonly (string Name, string Op)[] Binaries =
    [
        ("add", "add"), ("sub", "sub"), ("subtract", "sub"), ("mul", "mul"), ("multiply", "mul"), ("div", "div"), ("divide", "div"),
        ("true_divide", "div"), ("floor_divide", "floor_divide"), ("remainder", "remainder"), ("fmod", "fmod"), ("pow", "pow"),
        ("maximum", "maximum"), ("minimum", "minimum"), ("fmax", "fmax"), ("fmin", "fmin"), ("atan2", "atan2"), ("eq", "eq"), ("ne", "ne"),
        ("lt", "lt"), ("le", "le"), ("gt", "gt"), ("ge", "ge"), ("logical_and", "logical_and"), ("logical_or", "logical_or"),
        ("logical_xor", "logical_xor"), ("bitwise_and", "bitwise_and"), ("bitwise_or", "bitwise_or"), ("bitwise_xor", "bitwise_xor"),
        ("hypot", "hypot"), ("copysign", "copysign"), ("xlogy", "xlogy"), ("masked_fill", "masked_fill"), ("lerp", "lerp"),
        ("rsub", "rsub"), ("greater", "gt"), ("less", "lt"), ("not_equal", "ne"), ("greater_equal", "ge"), ("less_equal", "le"),
    ];

    public static void Register(TorchTable t)
    {
        foreach (var name in Activations)
        {
            t.Function(Same, "torch.nn.functional." + name, "torch.nn.functional." + name + "_", "torch." + name, "torch." + name + "_");
            t.Method(Same, name, name + "_");
        }

        foreach (var name in UnaryMath)
        {
            t.Function(Same, "torch." + name, "torch." + name + "_", "torch.special." + name);
            t.Method(Same, name, name + "_");
        }

        foreach (var name in Passthrough)
        {
            t.Method(Same, name);
        }

        foreach (var name in new[] { "dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout", "normalize", "local_response_norm" })
        {
            t.Function(Same, "torch.nn.functional." + name, "torch." + name);
        }

        t.Function(Same, "torch.clone", "torch.detach", "torch.nn.functional.instance_norm", "torch.nan_to_num", "torch.clamp", "torch.clip",
            "torch.nn.functional.hardtanh_", "torch.nn.functional.elu_", "torch.nn.functional.leaky_relu_", "torch.nn.functional.threshold_");
        foreach (var (name, op) in Binaries)
        {
            BuiltinFunction f = c => Binary(c, op);
            t.Function(f, "torch." + name);
            t.Method(f, name, name + "_", "__" + name + "__");
        }

        t.Function(Where, "torch.where");
        t.Method(Where, "where");
        t.Function(Gather, "torch.gather");
        t.Method(Gather, "gather");
        foreach (var name in new[] { "flip", "roll", "fliplr", "flipud" })
        {
            t.Function(Same, "torch." + name);
            t.Method(Same, name);
        }
        foreach (var name in new[] { "softmax", "log_softmax", "softmin" })
        {
            t.Function(Softmax, "torch.nn.functional." + name, "torch." + name, "torch.special." + name);
            t.Method(Softmax, name);
        }

        t.Function(Cumulative, "torch.cumsum", "torch.cumprod", "torch.cummax", "torch.cummin", "torch.logcumsumexp");
        t.Method(Cumulative, "cumsum", "cumprod", "logcumsumexp");
    }

    /// <summary>The output has the input's shape (activations, dropout, dtype moves, in-place fills).</summary>
    public static PyValue Same(TorchCall c)
    {
        var x = c.Tensor(0, "input") ?? c.Tensor(0, "self");
        if (x is null)
        {
            return c.Arg(0, "input") is PyUnknown u ? u : c.NotFollowed("its input is not a tensor the checker follows");
        }

        return c.Result(x.Shape, x);
    }

    /// <summary>A binary op with broadcasting: tensor with tensor, or tensor with a Python number (also <c>+</c>, <c>*=</c>, <c>&lt;</c>).</summary>
    public static PyValue Broadcast(TorchCall c, PyValue a, PyValue b, bool inPlace)
    {
        var ta = a as PyTensor;
        var tb = b as PyTensor;
        if (a is PyUnknown || b is PyUnknown || (ta is null && !PyNumbers.IsNumber(a)) || (tb is null && !PyNumbers.IsNumber(b)))
        {
            return c.Result(null, ta ?? tb);
        }

        var sa = ta is null ? OpDims.Scalar : ta.Shape;
        var sb = tb is null ? OpDims.Scalar : tb.Shape;
        if (sa is null || sb is null)
        {
            return c.Result(null, ta ?? tb);
        }

        var from = ta is not null && (tb is null || sa.Rank >= sb.Rank) ? ta : tb;
        if (!Broadcasting.TryBroadcast(sa, sb, c.OpName, out var result, out var error))
        {
            c.Report(error!);
            return c.Result(sa.Rank >= sb.Rank ? sa : sb, from);
        }

        if (inPlace && ta is not null && !result.Equals(sa) && OpDims.Equal(result.Product(), sa.Product()) != true)
        {
            return c.Fail($"output with shape {sa.ToTorchString()} doesn't match the broadcast shape {result.ToTorchString()}", sa);
        }

        var tensor = c.Result(result, from);
        return IsComparison(c.OpName) ? new PyTensor(tensor.Shape, tensor.Node) { BatchAxis = tensor.BatchAxis, Origin = tensor.Origin, DType = "bool" } : tensor;
    }

    private static bool IsComparison(string op) => op is "==" or "!=" or "<" or "<=" or ">" or ">=" or "eq" or "ne" or "lt" or "le" or "gt" or "ge"
        or "logical_and" or "logical_or" or "logical_xor" or "greater" or "less" or "not_equal" or "greater_equal" or "less_equal" or "isnan" or "isinf";

    private static PyValue Binary(TorchCall c, string op)
    {
        var a = c.Arg(0, "input") ?? PyNone.Instance;
        var b = c.Arg(1, op == "pow" ? "exponent" : op == "masked_fill" ? "mask" : "other") ?? PyNone.Instance;
        var inPlace = c.Kind == Dataflow.NodeKind.CallMethod && c.Name.EndsWith('_') && !c.Name.EndsWith("__", StringComparison.Ordinal);
        if (op == "lerp" && c.Arg(2, "weight") is PyTensor w)
        {
            var first = Broadcast(c, a, b, inPlace);
            return first is PyTensor ft ? Broadcast(c, ft, w, inPlace) : first;
        }

        return Broadcast(c, a, b, inPlace);
    }

    private static PyValue Where(TorchCall c)
    {
        var condition = c.Arg(0, "condition") ?? PyNone.Instance;
        if (c.Args.Positional.Length == 1 && c.Args.Names.Length == 0)
        {
            return c.NotFollowed("torch.where(condition) returns indices whose number depends on tensor values");
        }

        var x = c.Arg(1, "input") ?? PyNone.Instance;
        var y = c.Arg(2, "other") ?? PyNone.Instance;
        var first = Broadcast(c, condition, x, inPlace: false);
        return first is PyTensor ft ? Broadcast(c, ft, y, inPlace: false) : first;
    }

    private static PyValue Gather(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x || c.Tensor(2, "index") is not { } index)
        {
            return c.Result(null);
        }

        if (x.Shape is not { } shape || index.Shape is not { } indexShape || c.Long(1, "dim") is not { } dim)
        {
            return c.Result(null, x);
        }

        return c.From(Selection.Gather(shape, dim, indexShape));
    }

    private static PyValue Softmax(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape)
        {
            return c.Result(null, x);
        }

        var dimValue = c.Arg(1, "dim");
        if (dimValue is null or PyNone)
        {
            if (c.Kind == Dataflow.NodeKind.CallFunction && c.Name.StartsWith("torch.nn.functional.", StringComparison.Ordinal))
            {
                var implicitDim = shape.Rank is 0 or 1 or 3 ? 0 : 1;
                c.Interpreter.Report(Diagnostic.Create(DiagnosticCatalog.ImplicitDim, c.Span, c.DisplayName, implicitDim, shape.Rank));
            }

            return c.Result(shape, x);
        }

        if (PyNumbers.ToLong(dimValue) is not { } dim)
        {
            return c.Result(shape, x);
        }

        if (!c.TryWrap(dim, shape.Rank, out _))
        {
            return c.Result(shape, x);
        }

        var dimExpr = c.Args.ExprOf(1, "dim");
        c.Interpreter.WarnSoftmaxOverBatch(x, dim, c.DisplayName, c.Span, dimExpr is null ? null : c.Interpreter.SpanOf(dimExpr));
        return c.Result(shape, x);
    }

    private static PyValue Cumulative(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is { } shape && c.Long(1, "dim") is { } dim && !c.TryWrap(dim, shape.Rank, out _))
        {
            return c.Result(shape, x);
        }

        return c.Name is "torch.cummax" or "torch.cummin" ? PyTuple.ValuesAndIndices(c.Result(x.Shape, x), c.Result(x.Shape, x)) : c.Result(x.Shape, x);
    }
}
