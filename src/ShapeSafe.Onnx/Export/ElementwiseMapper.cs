using ShapeSafe.Dataflow;
using ShapeSafe.Onnx.Proto;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// The ONNX nodes for the graph runtime's element-wise ops (issue #9): activations in every spelling, unary math,
/// named binaries and comparisons, casts, in-place fills, gather/flip/roll and the cumulative ops, the dropout family
/// (identity in eval), normalize, local_response_norm and instance_norm. An in-place spelling (<c>x.exp_()</c>,
/// <c>F.relu_(x)</c>, <c>inplace=True</c>) is its out-of-place value bound to the call's result. Values follow
/// <see cref="OnnxGraphBuilder"/>'s types: float32, int64 (<see cref="OnnxGraphBuilder.IsInteger"/>) and bool masks
/// (float 0/1, <see cref="OnnxGraphBuilder.IsBoolMask"/>); a form outside them is refused.
/// </summary>
internal sealed class ElementwiseMapper(OnnxGraphBuilder b, Func<NodeArg, object?> resolve)
{
    private const string Fn = "torch.nn.functional.";

    /// <summary>
    /// The spellings of each op the exporter did not map before, as the runtime lists them: <c>F</c> / <c>F_</c>
    /// (<c>F.X</c>, <c>F.X_</c>), <c>t</c> / <c>t_</c> (<c>torch.X</c>, <c>torch.X_</c>), <c>s</c> (<c>torch.special.X</c>),
    /// <c>m</c> / <c>m_</c> (<c>x.X()</c>, <c>x.X_()</c>), <c>d</c> (<c>x.__X__()</c>). Adding one is a row here and a case
    /// in <see cref="MapOp"/>. clamp's torch.clamp and x.clamp are here too (tensor bounds, int64 kept int64).
    /// </summary>
    private static readonly (string Op, string Spellings)[] Rows =
    [
        // Unary math.
        ("exp", "t_ m_"), ("exp2", "t t_ s m m_"), ("expm1", "t t_ s m m_"), ("log", "t_ m_"), ("log2", "t t_ m m_"), ("log10", "t t_ m m_"),
        ("log1p", "t t_ s m m_"), ("sqrt", "t_ m_"), ("rsqrt", "t_ m_"), ("abs", "t_ m_"), ("neg", "t_ m_"), ("negative", "t t_ m m_"),
        ("sin", "t t_ m m_"), ("cos", "t t_ m m_"), ("tan", "t t_ m m_"), ("asin", "t t_ m m_"), ("acos", "t t_ m m_"), ("atan", "t t_ m m_"),
        ("sinh", "t t_ m m_"), ("cosh", "t t_ m m_"), ("floor", "t t_ m m_"), ("ceil", "t t_ m m_"), ("round", "t t_ s m m_"), ("trunc", "t t_ m m_"),
        ("frac", "t t_ m m_"), ("sign", "t m m_"), ("sgn", "t m m_"), ("reciprocal", "t t_ m m_"), ("square", "t t_ m m_"), ("erf", "t t_ s m m_"),
        ("erfc", "t t_ s m m_"), ("bitwise_not", "t m m_"), ("logical_not", "t m m_"), ("isnan", "t m"), ("isinf", "t m"), ("isfinite", "t m"),
        ("nan_to_num", "t t_ m m_"), ("clamp", "t t_ m m_"), ("clip", "t t_ m m_"), ("clamp_min", "t t_ m m_"), ("clamp_max", "t t_ m m_"),
        ("positive", "t m"), ("conj", "t m"), ("real", "t m"), ("angle", "t m"), ("deg2rad", "t t_ m m_"), ("rad2deg", "t t_ m m_"),
        ("sinc", "t t_ s m m_"), ("logit", "t t_ s m m_"),

        // Activations.
        ("relu", "F_ t_ m_"), ("sigmoid", "t_ m_"), ("tanh", "t_ m_"), ("leaky_relu", "F_"), ("elu", "F_"), ("selu", "F F_ t t_"), ("celu", "F F_ t t_"),
        ("mish", "F"), ("hardtanh", "F F_"), ("softsign", "F"), ("tanhshrink", "F"), ("logsigmoid", "F"), ("hardshrink", "F t m"), ("softshrink", "F"),
        ("threshold", "F F_ t t_"), ("rrelu", "F F_ t t_"), ("prelu", "F t m"), ("softmax", "s"), ("log_softmax", "s"), ("softmin", "F"),
        ("dropout", "F t"), ("dropout2d", "F"), ("dropout1d", "F"), ("dropout3d", "F"), ("alpha_dropout", "F t"), ("feature_alpha_dropout", "F t"), ("normalize", "F"),
        ("local_response_norm", "F"), ("instance_norm", "F"),

        // Named binaries.
        ("add", "m_"), ("sub", "m_"), ("subtract", "t m m_"), ("mul", "m_"), ("multiply", "t m m_"), ("div", "m_ d"), ("divide", "t m m_"),
        ("true_divide", "t m m_"), ("floor_divide", "m_"), ("remainder", "m_"), ("fmod", "t m m_"), ("pow", "m_"), ("maximum", "m"), ("minimum", "m"),
        ("fmax", "t m"), ("fmin", "t m"), ("atan2", "t m m_"), ("eq", "t m m_ d"), ("ne", "t m m_ d"), ("lt", "t m m_ d"), ("le", "t m m_ d"),
        ("gt", "t m m_ d"), ("ge", "t m m_ d"), ("not_equal", "t m m_"), ("less", "t m m_"), ("less_equal", "t m m_"), ("greater", "t m m_"),
        ("greater_equal", "t m m_"), ("logical_and", "t m m_"), ("logical_or", "t m m_"), ("logical_xor", "t m m_"), ("bitwise_and", "t m m_"),
        ("bitwise_or", "t m m_"), ("bitwise_xor", "t m m_"), ("hypot", "t m m_"), ("copysign", "t m m_"), ("xlogy", "t m m_"), ("masked_fill", "t m m_"),
        ("lerp", "t m m_"), ("rsub", "t d"), ("where", "t m"),

        // Casts, moves and tensor state.
        ("to", "m"), ("cpu", "m"), ("cuda", "m"), ("long", "m"), ("bool", "m"), ("type", "m"), ("type_as", "m"), ("requires_grad_", "m"),
        ("detach_", "m"), ("retain_grad", "m"), ("share_memory_", "m"), ("to_dense", "m"), ("clone", "t"), ("detach", "t"),

        // In-place fills.
        ("zero_", "m"), ("fill_", "m"), ("uniform_", "m"), ("normal_", "m"), ("exponential_", "m"), ("cauchy_", "m"), ("log_normal_", "m"),
        ("bernoulli_", "m"), ("bernoulli", "m"), ("index_fill_", "m"), ("scatter_", "m"), ("copy_", "m"), ("set_", "m"), ("cumsum_", "m"),

        // Moves and accumulations along a dim.
        ("gather", "t m"), ("flip", "t m"), ("fliplr", "t m"), ("flipud", "t m"), ("roll", "t m"), ("cumsum", "t m"), ("cumprod", "t m"),
        ("logcumsumexp", "t m"), ("cummax", "t"), ("cummin", "t"),
    ];

    /// <summary>Each target (<c>kind:target</c>) with its op and whether the spelling is in place.</summary>
    private static readonly Dictionary<string, (string Op, bool InPlace)> Spelled = BuildSpellings();

    /// <summary>The targets this mapper owns, as <c>kind:target</c>.</summary>
    public static IReadOnlyCollection<string> Targets => Spelled.Keys;

    /// <summary>The ops that keep an int64 input int64 (PyTorch's integer overloads); the others compute in float32.</summary>
    private static readonly HashSet<string> IntegerKept = new(StringComparer.Ordinal)
    {
        "abs", "neg", "negative", "sign", "sgn", "square", "positive", "conj", "real", "floor", "ceil", "round", "trunc",
    };

    /// <summary>Comparison ops by name and alias: the ONNX op, and whether its result is negated (ne).</summary>
    private static readonly Dictionary<string, (string Op, bool Not)> Comparisons = new(StringComparer.Ordinal)
    {
        ["eq"] = ("Equal", false), ["ne"] = ("Equal", true), ["not_equal"] = ("Equal", true), ["lt"] = ("Less", false), ["less"] = ("Less", false),
        ["le"] = ("LessOrEqual", false), ["less_equal"] = ("LessOrEqual", false), ["gt"] = ("Greater", false), ["greater"] = ("Greater", false),
        ["ge"] = ("GreaterOrEqual", false), ["greater_equal"] = ("GreaterOrEqual", false),
    };

    /// <summary>The longest dim a cumulative product, max, min or logcumsumexp is unrolled along (one node group per element).</summary>
    private const long MaxUnrolled = 256;

    private Node _node = null!;

    /// <summary>Python's in-place operators that PyTorch runs in place on a tensor (<c>@=</c> is not: it rebinds).</summary>
    private static readonly HashSet<string> InPlaceOperators = new(StringComparer.Ordinal)
    {
        "iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "iand", "ior", "ixor", "ilshift", "irshift",
    };

    /// <summary>The position of <c>inplace</c> in the functional activations and dropouts that take it.</summary>
    private static readonly Dictionary<string, int> InplaceIndex = new(StringComparer.Ordinal)
    {
        ["relu"] = 1, ["relu6"] = 1, ["selu"] = 1, ["silu"] = 1, ["mish"] = 1, ["hardswish"] = 1, ["hardsigmoid"] = 1, ["leaky_relu"] = 2,
        ["elu"] = 2, ["celu"] = 2, ["hardtanh"] = 3, ["threshold"] = 3, ["rrelu"] = 4, ["dropout"] = 3, ["dropout1d"] = 3, ["dropout2d"] = 3,
        ["dropout3d"] = 3, ["alpha_dropout"] = 3, ["feature_alpha_dropout"] = 3,
    };

    /// <summary>
    /// The node whose tensor <paramref name="node"/> writes in place (<c>x.exp_()</c>, <c>F.relu_(x)</c>,
    /// <c>F.relu(x, inplace=True)</c>, <c>x.fill_(0)</c>), so that later reads of it take the call's value; null for others.
    /// </summary>
    public static Node? WritesInto(Node node)
    {
        if (node.Args.Count == 0 || node.Args[0] is not NodeRefArg { Node: var target })
        {
            return null;
        }

        if (node.Kind == NodeKind.Operator)
        {
            // x += y on a tensor is in place in PyTorch: another name for x (z = x before it) sees the new value too.
            return InPlaceOperators.Contains(node.Target) ? target : null;
        }

        if (node.Kind is not (NodeKind.CallMethod or NodeKind.CallFunction))
        {
            return null;
        }

        var key = (node.Kind == NodeKind.CallMethod ? "method:" : "function:") + node.Target;
        if (Spelled.TryGetValue(key, out var spelled) && spelled.InPlace)
        {
            return target;
        }

        var name = node.Target[(node.Target.LastIndexOf('.') + 1)..];
        var flag = node.Kwargs.Where(k => k.Key == "inplace").Select(k => k.Value).FirstOrDefault()
            ?? (node.Kind == NodeKind.CallFunction && node.Target.StartsWith(Fn, StringComparison.Ordinal) && InplaceIndex.TryGetValue(name, out var at) && at < node.Args.Count ? node.Args[at] : null);
        return flag is ConstArg { Value: true } ? target : null;
    }

    /// <summary>The ops whose result may share its input's storage in PyTorch (views, and calls that can return the input itself).</summary>
    private static readonly HashSet<string> Aliasing = new(StringComparer.Ordinal)
    {
        "view", "view_as", "reshape", "reshape_as", "flatten", "unflatten", "squeeze", "unsqueeze", "transpose", "permute", "t", "T", "mT", "expand",
        "expand_as", "narrow", "select", "split", "chunk", "unbind", "tensor_split", "getitem", "__getitem__", "[]", "diagonal", "movedim", "moveaxis",
        "swapaxes", "swapdims", "contiguous", "detach", "real", "conj", "positive", "to", "type", "type_as", "float", "long", "bool", "cpu", "cuda",
        "to_dense", "dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout", "pos",
    };

    /// <summary>
    /// The tensor an in-place write changes; refuses a write whose effect a value graph cannot carry: PyTorch changes every tensor that shares the
    /// written one's storage (a view made before the write, or the tensor it is a view of), and a later read of one of
    /// those would see the old value in ONNX.
    /// </summary>
    /// <returns>
    /// The nodes that are the written tensor itself (it and the earlier in-place writes into it, <c>y += 1; y *= x</c>), whose
    /// names take the new value.
    /// </returns>
    public static IReadOnlyCollection<Node> SameTensor(IReadOnlyList<Node> nodes, Node writer, Node written)
    {
        var same = new HashSet<Node> { written };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes)
            {
                if (node.Index < writer.Index && WritesInto(node) is { } into && same.Contains(into) != same.Contains(node))
                {
                    same.Add(into);
                    same.Add(node);
                    changed = true;
                }
            }
        }

        var shared = new HashSet<Node>(same);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in nodes)
            {
                if (node.Index >= writer.Index || !IsAliasing(node) || node.Args.Count == 0 || node.Args[0] is not NodeRefArg { Node: var source })
                {
                    continue;
                }

                if (shared.Contains(source) != shared.Contains(node))
                {
                    shared.Add(source);
                    shared.Add(node);
                    changed = true;
                }
            }
        }

        shared.ExceptWith(same);
        if (shared.Count == 0)
        {
            return same;
        }

        foreach (var node in nodes.Where(n => n.Index > writer.Index))
        {
            if (Reads(node).FirstOrDefault(shared.Contains) is { } stale)
            {
                throw new UnmappableException(writer, $"it writes in place into a tensor that shares its storage with another ({stale.Target}, line {stale.Span.Line}) read later; ONNX values do not share storage, so that read would see the old values");
            }
        }

        return same;
    }

    private static bool IsAliasing(Node node) =>
        node.Kind is NodeKind.CallMethod or NodeKind.CallFunction or NodeKind.Operator
        && (Aliasing.Contains(node.Target[(node.Target.LastIndexOf('.') + 1)..]) || WritesInto(node) is not null);

    private static IEnumerable<Node> Reads(Node node)
    {
        static IEnumerable<Node> Of(NodeArg arg) => arg switch
        {
            NodeRefArg r => [r.Node],
            ListArg l => l.Items.SelectMany(Of),
            _ => [],
        };

        return node.Inputs.Concat(node.Args.SelectMany(Of)).Concat(node.Kwargs.SelectMany(k => Of(k.Value)));
    }

    /// <summary>True for a target this mapper owns.</summary>
    public static bool Owns(string key) => Spelled.ContainsKey(key);

    /// <summary>The ONNX value(s) of <paramref name="node"/> (keyed <paramref name="key"/>): several for cummax/cummin.</summary>
    public string[] Map(Node node, string key)
    {
        _node = node;
        var (op, inPlace) = Spelled[key];
        return MapOp(op, inPlace);
    }

    private string[] MapOp(string op, bool inPlace)
    {
        switch (op)
        {
            case "cummax" or "cummin":
                return CumulativeExtreme(op == "cummax");
            case var c when Comparisons.TryGetValue(c, out var compare):
                return [Compare(compare.Op, compare.Not, inPlace)];
            case "logical_and" or "logical_or" or "logical_xor":
                return [LogicalBinary(op, inPlace)];
            case "bitwise_and" or "bitwise_or" or "bitwise_xor":
                return [ArithmeticOps.Map(b, op[8..], Get(0, "input"), Get(1, "other"), null, null, Refuse)];
            case "add" or "sub" or "subtract" or "mul" or "multiply" or "div" or "divide" or "true_divide" or "floor_divide" or "remainder" or "pow":
                return [Arithmetic(op, inPlace)];
            default:
                return [MapOne(op)];
        }
    }

    private string MapOne(string op)
    {
        switch (op)
        {
            case "to" or "type" or "type_as" or "long" or "bool":
                return Cast(op);
            case "cpu" or "cuda" or "requires_grad_" or "detach_" or "retain_grad" or "share_memory_" or "to_dense" or "clone" or "detach" or "positive" or "conj" or "real":
                return Keep(Input(), b.Op("Identity", [Input()]));
            case "dropout" or "dropout2d" or "dropout1d" or "dropout3d" or "alpha_dropout" or "feature_alpha_dropout":
                return Dropout(op);
            case "fmod" or "maximum" or "minimum" or "fmax" or "fmin" or "atan2" or "hypot" or "copysign" or "xlogy" or "lerp" or "rsub" or "where" or "masked_fill":
                return Binary(op);
            case "zero_" or "fill_" or "copy_" or "set_" or "index_fill_" or "scatter_":
                return Fill(op);
            case "uniform_" or "normal_" or "exponential_" or "cauchy_" or "log_normal_" or "bernoulli_" or "bernoulli":
                return Random(op);
            case "gather" or "flip" or "fliplr" or "flipud" or "roll":
                return Move(op);
            case "cumsum" or "cumsum_":
                return CumSum();
            case "cumprod":
                return CumProd();
            case "logcumsumexp":
                return LogCumSumExp();
            case "normalize" or "local_response_norm" or "instance_norm":
                return Normalization(op);
            case "softmax" or "log_softmax" or "softmin":
                return Softmax(op);
            case "bitwise_not":
                return ArithmeticOps.Invert(b, Get(0, "input"), Refuse);
            case "logical_not":
            {
                var x = Input();
                return b.MarkBoolMask(b.IsBoolMask(x) ? b.Op("Sub", [b.Scalar(1), x]) : FloatOf(b.Op("Equal", [x, Zero(x)])));
            }

            case "isnan" or "isinf" or "isfinite":
            {
                var x = Input();
                if (b.IsInteger(x))
                {
                    return b.MarkBoolMask(b.Op("ConstantOfShape", [b.Op("Shape", [x])], FloatAttribute(op == "isfinite" ? 1 : 0)));
                }

                var test = op switch
                {
                    "isnan" => b.Op("IsNaN", [x]),
                    "isinf" => b.Op("IsInf", [x]),
                    _ => b.Op("Not", [b.Op("Or", [b.Op("IsNaN", [x]), b.Op("IsInf", [x])])]),
                };
                return b.MarkBoolMask(FloatOf(test));
            }

            case "clamp" or "clip" or "clamp_min" or "clamp_max" or "hardtanh":
                return Clamp(op);
            case var _ when IntegerKept.Contains(op) && b.IsInteger(Input()):
                return b.MarkInteger(IntegerUnary(op, Input()));
            default:
                return Unary(op, b.AsFloat(Input()));
        }
    }

    /// <summary>The int64 overloads: rounding is the identity, the rest are their ONNX ops.</summary>
    private string IntegerUnary(string op, string x) => op switch
    {
        "abs" => b.Op("Abs", [x]),
        "neg" or "negative" => b.Op("Neg", [x]),
        "sign" or "sgn" => b.Op("Sign", [x]),
        "square" => b.Op("Mul", [x, x]),
        _ => b.Op("Identity", [x]),
    };

    /// <summary>A float32 unary op or activation on <paramref name="x"/>.</summary>
    private string Unary(string op, string x)
    {
        switch (op)
        {
            case "exp":
                return b.Op("Exp", [x]);
            case "exp2":
                return b.Op("Pow", [b.Scalar(2), x]);
            case "expm1":
                return b.Op("Sub", [b.Op("Exp", [x]), b.Scalar(1)]);
            case "log":
                return b.Op("Log", [x]);
            case "log2":
                return b.Op("Div", [b.Op("Log", [x]), b.Scalar(Math.Log(2))]);
            case "log10":
                return b.Op("Div", [b.Op("Log", [x]), b.Scalar(Math.Log(10))]);
            case "log1p":
                return b.Op("Log", [b.Op("Add", [x, b.Scalar(1)])]);
            case "sqrt":
                return b.Op("Sqrt", [x]);
            case "rsqrt":
                return b.Op("Reciprocal", [b.Op("Sqrt", [x])]);
            case "abs":
                return b.Op("Abs", [x]);
            case "neg" or "negative":
                return b.Op("Neg", [x]);
            case "sin" or "cos" or "tan" or "asin" or "acos" or "atan" or "sinh" or "cosh" or "floor" or "ceil" or "sign" or "erf" or "relu" or "sigmoid" or "tanh" or "reciprocal":
                return b.Op(char.ToUpperInvariant(op[0]) + op[1..], [x]);
            case "sgn":
                return b.Op("Sign", [x]);
            case "round":
            {
                var decimals = Long(1, "decimals", 0);
                if (decimals == 0)
                {
                    return b.Op("Round", [x]);
                }

                // PyTorch 1.13: nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d for negative d.
                var scale = b.Scalar(Math.Pow(10, Math.Abs(decimals)));
                return decimals > 0
                    ? b.Op("Div", [b.Op("Round", [b.Op("Mul", [x, scale])]), scale])
                    : b.Op("Mul", [b.Op("Round", [b.Op("Div", [x, scale])]), scale]);
            }

            case "trunc":
                return Truncate(x);
            case "frac":
                return b.Op("Sub", [x, Truncate(x)]);
            case "square":
                return b.Op("Mul", [x, x]);
            case "erfc":
                return b.Op("Sub", [b.Scalar(1), b.Op("Erf", [x])]);
            case "nan_to_num":
            {
                var nan = OptionalDouble(1, "nan") ?? 0;
                var posinf = OptionalDouble(2, "posinf") ?? float.MaxValue;
                var neginf = OptionalDouble(3, "neginf") ?? float.MinValue;
                var noNan = b.Op("Where", [b.Op("IsNaN", [x]), b.Scalar(nan), x]);
                var noPos = b.Op("Where", [b.Op("IsInf", [x], Int("detect_negative", 0)), b.Scalar(posinf), noNan]);
                return b.Op("Where", [b.Op("IsInf", [x], Int("detect_positive", 0)), b.Scalar(neginf), noPos]);
            }

            case "angle":
            {
                // A real tensor's angle: pi below 0, 0 elsewhere, NaN kept.
                var angle = b.Op("Where", [b.Op("Less", [x, b.Scalar(0)]), b.Scalar(Math.PI), b.Scalar(0)]);
                return b.Op("Where", [b.Op("IsNaN", [x]), x, angle]);
            }

            case "deg2rad":
                return b.Op("Mul", [x, b.Scalar(Math.PI / 180)]);
            case "rad2deg":
                return b.Op("Mul", [x, b.Scalar(180 / Math.PI)]);
            case "sinc":
            {
                var scaled = b.Op("Mul", [x, b.Scalar(Math.PI)]);
                return b.Op("Where", [b.Op("Equal", [x, b.Scalar(0)]), b.Scalar(1), b.Op("Div", [b.Op("Sin", [scaled]), scaled])]);
            }

            case "logit":
            {
                var z = OptionalDouble(1, "eps") is { } eps ? b.Op("Clip", [x, b.Scalar(eps), b.Scalar(1 - eps)]) : x;
                return b.Op("Log", [b.Op("Div", [z, b.Op("Sub", [b.Scalar(1), z])])]);
            }

            case "leaky_relu":
                return b.Op("LeakyRelu", [x], Float("alpha", Double(1, "negative_slope", 0.01)));
            case "elu":
                return b.Op("Elu", [x], Float("alpha", Double(1, "alpha", 1.0)));
            case "selu":
                return b.Op("Selu", [x]);
            case "celu":
                return b.Op("Celu", [x], Float("alpha", Double(1, "alpha", 1.0)));
            case "mish":
                return b.Op("Mul", [x, b.Op("Tanh", [b.Op("Softplus", [x])])]);
            case "softsign":
                return b.Op("Softsign", [x]);
            case "tanhshrink":
                return b.Op("Sub", [x, b.Op("Tanh", [x])]);
            case "logsigmoid":
                return b.Op("Neg", [b.Op("Softplus", [b.Op("Neg", [x])])]);
            case "hardshrink":
                return b.Op("Shrink", [x], Float("lambd", Double(1, "lambd", 0.5)), Float("bias", 0));
            case "softshrink":
            {
                var lambd = Double(1, "lambd", 0.5);
                return b.Op("Shrink", [x], Float("lambd", lambd), Float("bias", lambd));
            }

            case "threshold":
            {
                var threshold = AsDouble(Get(1, "threshold"), "threshold");
                var value = AsDouble(Get(2, "value"), "value");
                return b.Op("Where", [b.Op("Greater", [x, b.Scalar(threshold)]), x, b.Scalar(value)]);
            }

            case "rrelu":
            {
                if (Get(3, "training") is true)
                {
                    throw Refuse("rrelu with training=True draws a slope per element");
                }

                return b.Op("LeakyRelu", [x], Float("alpha", (Double(1, "lower", 1.0 / 8) + Double(2, "upper", 1.0 / 3)) / 2));
            }

            case "prelu":
                return PRelu(x);
            default:
                throw Refuse($"{op} has no ONNX mapping in ShapeSafe");
        }
    }

    private string Truncate(string x) => b.Op("Mul", [b.Op("Sign", [x]), b.Op("Floor", [b.Op("Abs", [x])])]);

    /// <summary>prelu: the weight ([C] or [1]) broadcast along dim 1, as PyTorch applies it.</summary>
    private string PRelu(string x)
    {
        var weight = Get(1, "weight") is TensorRef w ? w.Name : throw Refuse("its weight is not a tensor the exporter follows");
        var rank = InputShape(0, "input").Rank;
        var shape = InputShape(1, "weight");
        if (shape.Rank != 1)
        {
            throw Refuse($"a prelu weight of shape {shape} (PyTorch takes a 1-d weight)");
        }

        if (shape[0].IsKnown && shape[0].Value == 1 || rank < 2)
        {
            return b.Op("PRelu", [x, weight]);
        }

        var slope = b.Op("Reshape", [weight, b.Longs([-1, .. Enumerable.Repeat(1L, rank - 2)])]);
        return b.Op("PRelu", [x, slope]);
    }

    private string Clamp(string op)
    {
        var x = Input();
        object? min = op switch
        {
            "clamp_max" => null,
            "hardtanh" => Get(1, "min_val") ?? -1.0,
            _ => Get(1, "min"),
        };
        object? max = op switch
        {
            "clamp_min" => null,
            "clamp_max" => Get(1, "max"),
            "hardtanh" => Get(2, "max_val") ?? 1.0,
            _ => Get(2, "max"),
        };
        if (min is null && max is null)
        {
            throw Refuse("clamp with neither min nor max");
        }

        if (min is TensorRef || max is TensorRef)
        {
            // Tensor bounds: max(x, min), then min(., max), as PyTorch applies them (max wins where min > max).
            var integer = b.IsInteger(x) && (min is null || IsIntegerOperand(min)) && (max is null || IsIntegerOperand(max));
            var value = integer ? x : b.AsFloat(x);
            if (min is not null)
            {
                value = b.Op("Max", [value, Operand(min, integer)]);
            }

            if (max is not null)
            {
                value = b.Op("Min", [value, Operand(max, integer)]);
            }

            return integer ? b.MarkInteger(value) : value;
        }

        var keepInteger = b.IsInteger(x) && min is null or long && max is null or long;
        if (keepInteger)
        {
            return b.MarkInteger(b.Op("Clip", [x, min is long lo ? b.LongScalar(lo) : string.Empty, max is long hi ? b.LongScalar(hi) : string.Empty]));
        }

        return CommonOps.Clip(b, b.AsFloat(x), min is null ? null : AsDouble(min, "min"), max is null ? null : AsDouble(max, "max"));
    }

    private bool IsIntegerOperand(object? value) => value is long or int or bool || (value is TensorRef t && b.IsInteger(t.Name));

    private string Operand(object? value, bool integer) => value switch
    {
        TensorRef t => integer ? t.Name : b.AsFloat(t.Name),
        _ when integer => b.LongScalar((long)AsDouble(value, "operand")),
        _ => b.Scalar(AsDouble(value, "operand")),
    };

    /// <summary>add_/sub_/subtract/mul_/multiply/div_/divide/true_divide/floor_divide_/remainder_/pow_: <see cref="ArithmeticOps"/>' semantics.</summary>
    private string Arithmetic(string op, bool inPlace)
    {
        var name = op switch
        {
            "subtract" => "sub",
            "multiply" => "mul",
            "div" or "divide" or "true_divide" => "truediv",
            "floor_divide" => "floordiv",
            "remainder" => "mod",
            _ => op,
        };
        var second = name == "pow" ? "exponent" : "other";
        var alpha = name is "add" or "sub" ? Get(2, "alpha") : null;
        var rounding = op is "div" or "divide" ? Get(2, "rounding_mode") as string : null;
        var result = ArithmeticOps.Map(b, name, Get(0, "input"), Get(1, second), alpha, rounding, Refuse);
        if (inPlace && Get(0, "input") is TensorRef target && b.IsInteger(target.Name) && !b.IsInteger(result))
        {
            throw Refuse("an in-place op whose float result an int64 tensor cannot hold (PyTorch refuses it)");
        }

        return result;
    }

    /// <summary>
    /// A comparison: a bool mask (float 0/1) out of place; in place (<c>x.gt_(y)</c>) the 0/1 result takes the input's
    /// type.
    /// </summary>
    private string Compare(string op, bool negate, bool inPlace)
    {
        var (left, right, _) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
        var compared = b.Op(op, [left, right]);
        if (negate)
        {
            compared = b.Op("Not", [compared]);
        }

        return Boolean(compared, inPlace);
    }

    /// <summary>A bool result as a mask, or in place as the input's type (int64 or float 0/1).</summary>
    private string Boolean(string test, bool inPlace)
    {
        if (!inPlace)
        {
            return b.MarkBoolMask(FloatOf(test));
        }

        var x = Input();
        if (b.IsInteger(x))
        {
            return b.MarkInteger(b.Op("Cast", [test], Int("to", (long)TensorProto.Types.DataType.Int64)));
        }

        var made = FloatOf(test);
        return b.IsBoolMask(x) ? b.MarkBoolMask(made) : made;
    }

    private string LogicalBinary(string op, bool inPlace)
    {
        var left = Truth(Get(0, "input"));
        var right = Truth(Get(1, "other"));
        var result = op switch
        {
            "logical_and" => b.Op("And", [left, right]),
            "logical_or" => b.Op("Or", [left, right]),
            _ => b.Op("Xor", [left, right]),
        };
        return Boolean(result, inPlace);
    }

    /// <summary>A value's truth as an ONNX bool tensor: not zero.</summary>
    private string Truth(object? value) => value switch
    {
        TensorRef t => b.Op("Not", [b.Op("Equal", [t.Name, Zero(t.Name)])]),
        bool f => BoolScalar(f),
        long or int or double or float => BoolScalar(AsDouble(value, "other") != 0),
        _ => throw Refuse($"an operand {value ?? "None"} that is not a tensor or a number"),
    };

    private string BoolScalar(bool value) => b.Op("Cast", [b.Scalar(value ? 1 : 0)], Int("to", (long)TensorProto.Types.DataType.Bool));

    private string Zero(string x) => b.IsInteger(x) ? b.LongScalar(0) : b.Scalar(0);

    private string FloatOf(string test) => b.Op("Cast", [test], Int("to", (long)TensorProto.Types.DataType.Float));

    private string Binary(string op)
    {
        switch (op)
        {
            case "fmod":
            {
                var (l, r, integer) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var result = b.Op("Mod", [l, r], Int("fmod", 1));
                return integer ? b.MarkInteger(result) : result;
            }

            case "maximum" or "minimum" or "fmax" or "fmin":
            {
                var (l, r, integer) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var result = b.Op(op is "maximum" or "fmax" ? "Max" : "Min", [l, r]);
                if (integer)
                {
                    return b.MarkInteger(result);
                }

                // maximum/minimum propagate NaN; fmax/fmin take the other operand where one is NaN.
                var (first, second) = op is "maximum" or "minimum" ? (l, r) : (r, l);
                return b.Op("Where", [b.Op("IsNaN", [l]), first, b.Op("Where", [b.Op("IsNaN", [r]), second, result])]);
            }

            case "atan2":
            {
                var y = b.AsFloat(Tensor(0, "input"));
                var x = Get(1, "other") is TensorRef t ? b.AsFloat(t.Name) : b.Scalar(AsDouble(Get(1, "other"), "other"));
                return Atan2(y, x);
            }

            case "hypot":
            {
                var (l, r, _) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var (x, y) = (b.AsFloat(l), b.AsFloat(r));
                return b.Op("Sqrt", [b.Op("Add", [b.Op("Mul", [x, x]), b.Op("Mul", [y, y])])]);
            }

            case "copysign":
            {
                var (l, r, _) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var (magnitude, divisor) = (b.Op("Abs", [b.AsFloat(l)]), b.AsFloat(r));
                // The sign bit of the second operand: below 0, or -0.0 (whose reciprocal is -inf).
                var negative = b.Op("Less", [b.Op("Div", [b.Scalar(1), divisor]), b.Scalar(0)]);
                return b.Op("Where", [negative, b.Op("Neg", [magnitude]), magnitude]);
            }

            case "xlogy":
            {
                var (l, r, _) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var (x, y) = (b.AsFloat(l), b.AsFloat(r));
                var product = b.Op("Where", [b.Op("Equal", [x, b.Scalar(0)]), b.Scalar(0), b.Op("Mul", [x, b.Op("Log", [y])])]);
                return b.Op("Where", [b.Op("IsNaN", [y]), y, product]);
            }

            case "lerp":
            {
                var start = b.AsFloat(Tensor(0, "input"));
                var end = b.AsFloat(Tensor(1, "end"));
                var diff = b.Op("Sub", [end, start]);
                var weight = Get(2, "weight");
                if (weight is not TensorRef w)
                {
                    // PyTorch: start + w * (end - start) below 0.5, end - (end - start) * (1 - w) from 0.5.
                    var value = AsDouble(weight, "weight");
                    return Math.Abs(value) < 0.5
                        ? b.Op("Add", [start, b.Op("Mul", [diff, b.Scalar(value)])])
                        : b.Op("Sub", [end, b.Op("Mul", [diff, b.Scalar(1 - value)])]);
                }

                var wt = b.AsFloat(w.Name);
                var low = b.Op("Add", [start, b.Op("Mul", [diff, wt])]);
                var high = b.Op("Sub", [end, b.Op("Mul", [diff, b.Op("Sub", [b.Scalar(1), wt])])]);
                return b.Op("Where", [b.Op("Less", [b.Op("Abs", [wt]), b.Scalar(0.5)]), low, high]);
            }

            case "rsub":
                return ArithmeticOps.Map(b, "sub", Get(1, "other"), Get(0, "input"), Get(2, "alpha"), null, Refuse);
            case "where":
            {
                var method = _node.Kind == NodeKind.CallMethod;
                if (!method && _node.Args.Count == 1 && _node.Kwargs.Count == 0)
                {
                    throw Refuse("torch.where(condition) gives the indices of the nonzero elements, whose count depends on the values");
                }

                var condition = Get(method ? 1 : 0, "condition") is TensorRef c ? Condition(c.Name) : throw Refuse("its condition is not a tensor the exporter follows");
                return Select(condition, Get(method ? 0 : 1, "input"), Get(2, "other"));
            }

            default:
            {
                // masked_fill(mask, value)
                var mask = Get(1, "mask") is TensorRef m ? Condition(m.Name) : throw Refuse("its mask is not a tensor the exporter follows");
                var x = Input();
                var value = Get(2, "value");
                var integer = b.IsInteger(x);
                var fill = value is TensorRef v ? (integer ? CastTo(v.Name, "int") : b.AsFloat(v.Name)) : integer ? b.LongScalar((long)AsDouble(value, "value")) : b.Scalar(AsDouble(value, "value"));
                var result = b.Op("Where", [mask, fill, x]);
                return integer ? b.MarkInteger(result) : b.IsBoolMask(x) ? b.MarkBoolMask(result) : result;
            }
        }
    }

    /// <summary>A bool mask (float 0/1) as an ONNX condition; PyTorch takes only bool conditions and masks.</summary>
    private string Condition(string mask) =>
        b.IsBoolMask(mask) ? b.Op("Cast", [mask], Int("to", (long)TensorProto.Types.DataType.Bool)) : throw Refuse("a condition or mask that is not a bool tensor (PyTorch takes bool masks)");

    private string Select(string condition, object? input, object? other)
    {
        var (x, y, integer) = ArithmeticOps.Common(b, input, other, Refuse);
        var result = b.Op("Where", [condition, x, y]);
        return integer ? b.MarkInteger(result) : input is TensorRef l && other is TensorRef r && b.IsBoolMask(l.Name) && b.IsBoolMask(r.Name) ? b.MarkBoolMask(result) : result;
    }

    /// <summary>atan2(y, x) from atan(y / x) by quadrant, with atan2's values on the axes.</summary>
    private string Atan2(string y, string x)
    {
        var zero = b.Scalar(0);
        var atan = b.Op("Atan", [b.Op("Div", [y, x])]);
        var yNegative = b.Op("Less", [y, zero]);
        var shifted = b.Op("Where", [yNegative, b.Op("Sub", [atan, b.Scalar(Math.PI)]), b.Op("Add", [atan, b.Scalar(Math.PI)])]);
        var onLeft = b.Op("Where", [b.Op("Less", [x, zero]), shifted, atan]);
        var axis = b.Op("Where", [b.Op("Greater", [y, zero]), b.Scalar(Math.PI / 2), b.Op("Where", [yNegative, b.Scalar(-Math.PI / 2), zero])]);
        var result = b.Op("Where", [b.Op("Equal", [x, zero]), axis, onLeft]);
        return b.Op("Where", [b.Op("Or", [b.Op("IsNaN", [x]), b.Op("IsNaN", [y])]), b.Op("Add", [x, y]), result]);
    }

    /// <summary>
    /// A cast to float32, int64 or bool (a mask), the types the exporter's values have; any other dtype (float64,
    /// float16, int32, ...) is refused, since writing it as float32 would change the model's results.
    /// </summary>
    private string Cast(string op)
    {
        var x = Input();
        string? kind = op switch
        {
            "long" => "int",
            "bool" => "bool",
            "type_as" => KindOf(Tensor(1, "other")),
            "type" => Get(1, "dtype") is { } d ? DType(d) : throw Refuse("x.type() without a dtype gives a type name, not a tensor"),
            _ => ToTarget(),
        };
        return kind is null ? Keep(x, b.Op("Identity", [x])) : CastTo(x, kind);
    }

    /// <summary>x.to(dtype), x.to(device, dtype), x.to(other) and their keywords: the target kind, null to keep the type.</summary>
    private string? ToTarget()
    {
        string? kind = null;
        foreach (var arg in _node.Args.Skip(1).Select(resolve).Concat(_node.Kwargs.Where(k => k.Key == "dtype").Select(k => resolve(k.Value))))
        {
            switch (arg)
            {
                case TensorRef other:
                    kind = KindOf(other.Name);
                    break;
                case string s when s.StartsWith("torch.", StringComparison.Ordinal) && s != "torch.device":
                    kind = DType(s);
                    break;
            }
        }

        return kind;
    }

    private string KindOf(string x) => b.IsInteger(x) ? "int" : b.IsBoolMask(x) ? "bool" : "float";

    private string DType(object? value) => value?.ToString() switch
    {
        "torch.float32" or "torch.float" or "torch.FloatTensor" => "float",
        "torch.int64" or "torch.long" or "torch.LongTensor" => "int",
        "torch.bool" or "torch.BoolTensor" => "bool",
        var other => throw Refuse($"dtype {other}: the exporter's values are float32, int64 and bool, and writing {other} as one of them would change the results"),
    };

    private string CastTo(string x, string kind)
    {
        switch (kind)
        {
            case "int":
                // A float to int64 truncates toward zero, as PyTorch's conversion does.
                return b.IsInteger(x) ? b.MarkInteger(b.Op("Identity", [x])) : b.MarkInteger(b.Op("Cast", [x], Int("to", (long)TensorProto.Types.DataType.Int64)));
            case "bool":
                return b.IsBoolMask(x) ? b.MarkBoolMask(b.Op("Identity", [x])) : b.MarkBoolMask(FloatOf(b.Op("Not", [b.Op("Equal", [x, Zero(x)])])));
            default:
                return b.IsInteger(x) ? b.AsFloat(x) : b.Op("Identity", [x]);
        }
    }

    /// <summary>The input's int64 or mask mark carried to <paramref name="result"/>.</summary>
    private string Keep(string x, string result) =>
        b.IsInteger(x) ? b.MarkInteger(result) : b.IsBoolMask(x) ? b.MarkBoolMask(result) : result;

    /// <summary>
    /// The dropout family: the identity when training is false (self.training in eval). F.dropout's training defaults to
    /// True, so it drops at random in eval mode too: the export draws the same mask (each value kept with probability
    /// 1 - p) and scale 1 / (1 - p); the other spellings with training true are refused.
    /// </summary>
    private string Dropout(string op)
    {
        var functional = _node.Target.StartsWith(Fn, StringComparison.Ordinal);
        var p = Double(1, "p", 0.5);
        if (p is < 0 or > 1)
        {
            throw Refuse($"dropout probability {p} outside [0, 1]");
        }

        var trainingByDefault = functional && op is "dropout" or "dropout2d" or "dropout1d" or "dropout3d";
        var training = Get(2, functional ? "training" : "train") is bool t ? t : trainingByDefault;
        if (!training)
        {
            return b.Op("Identity", [Input()]);
        }

        if (op == "dropout" && p < 1)
        {
            // PyTorch: input * noise, noise = bernoulli(1 - p) / (1 - p). (ONNX Runtime treats Dropout as the identity at inference.)
            var x = b.AsFloat(Input());
            var draw = b.Op("RandomUniformLike", [x], Int("dtype", (long)TensorProto.Types.DataType.Float), Float("low", 0), Float("high", 1));
            var kept = b.Op("Cast", [b.Op("Less", [draw, b.Scalar(1 - p)])], Int("to", (long)TensorProto.Types.DataType.Float));
            return b.Op("Mul", [x, b.Op("Mul", [kept, b.Scalar(1 / (1 - p))])]);
        }

        throw Refuse($"{op} with training=True drops at random in eval mode too (pass training=self.training)");
    }

    private string Fill(string op)
    {
        var x = Input();
        var integer = b.IsInteger(x);
        switch (op)
        {
            case "zero_":
                return Keep(x, Constant(x, 0));
            case "fill_":
            {
                var value = Get(1, "value");
                if (value is TensorRef v)
                {
                    return Keep(x, b.Op("Expand", [integer ? CastTo(v.Name, "int") : b.AsFloat(v.Name), b.Op("Shape", [x])]));
                }

                return Keep(x, Constant(x, AsDouble(value, "value")));
            }

            case "copy_":
            {
                var source = Tensor(1, "src");
                var typed = integer ? CastTo(source, "int") : b.AsFloat(source);
                return Keep(x, b.Op("Expand", [typed, b.Op("Shape", [x])]));
            }

            case "set_":
                return Keep(Tensor(1, "source"), b.Op("Identity", [Tensor(1, "source")]));
            case "index_fill_":
            {
                var rank = InputShape(0, "input").Rank;
                var dim = Normalize(Long(1, "dim"), rank);
                var index = Tensor(2, "index");
                if (!b.IsInteger(index))
                {
                    throw Refuse("an index that is not an int64 tensor");
                }

                // Positions along dim that the index names: a bool vector shaped to broadcast along dim.
                var size = b.Op("Gather", [b.Op("Shape", [x]), b.Longs(dim)], Int("axis", 0));
                var positions = b.Op("Range", [b.LongScalar(0), b.Op("Squeeze", [size, b.Longs(0)]), b.LongScalar(1)]);
                var matches = b.Op("Equal", [b.Op("Unsqueeze", [positions, b.Longs(1)]), b.Op("Unsqueeze", [b.Op("Reshape", [index, b.Longs(-1)]), b.Longs(0)])]);
                var hit = b.Op("Cast", [b.Op("ReduceMax", [b.Op("Cast", [matches], Int("to", (long)TensorProto.Types.DataType.Int64))], Ints("axes", [1]), Int("keepdims", 0))], Int("to", (long)TensorProto.Types.DataType.Bool));
                var shape = Enumerable.Range(0, rank).Select(i => i == dim ? -1L : 1L).ToArray();
                var mask = b.Op("Reshape", [hit, b.Longs(shape)]);
                var value = Get(3, "value");
                var fill = value is TensorRef v ? (integer ? CastTo(v.Name, "int") : b.AsFloat(v.Name)) : integer ? b.LongScalar((long)AsDouble(value, "value")) : b.Scalar(AsDouble(value, "value"));
                return Keep(x, b.Op("Where", [mask, fill, x]));
            }

            default:
            {
                // scatter_(dim, index, src or value, reduce=None or 'add')
                var rank = InputShape(0, "input").Rank;
                var dim = Normalize(Long(1, "dim"), rank);
                var index = Tensor(2, "index");
                if (!b.IsInteger(index))
                {
                    throw Refuse("an index that is not an int64 tensor");
                }

                var given = Get(3, "src") ?? Get(3, "value");
                string updates;
                if (given is TensorRef src)
                {
                    var (indexShape, srcShape) = (InputShape(2, "index"), InputShape(3, "src"));
                    if (!indexShape.Equals(srcShape))
                    {
                        throw Refuse($"scatter_ with an index of shape {indexShape} and a src of shape {srcShape} (ONNX's ScatterElements takes one shape)");
                    }

                    updates = integer ? CastTo(src.Name, "int") : b.AsFloat(src.Name);
                }
                else
                {
                    updates = Constant(index, AsDouble(given, "value"), integer);
                }

                var reduction = (Get(4, "reduce") as string) switch
                {
                    null => "none",
                    "add" => "add",
                    var other => throw Refuse($"scatter_ with reduce='{other}' (the graph runtime runs reduce=None and 'add' only)"),
                };
                return Keep(x, b.Op("ScatterElements", [x, index, updates], Int("axis", dim), Str("reduction", reduction)));
            }
        }
    }

    /// <summary>A tensor of <paramref name="like"/>'s shape filled with <paramref name="value"/>, int64 or float32.</summary>
    private string Constant(string like, double value, bool? integer = null)
    {
        var shape = b.Op("Shape", [like]);
        if (integer ?? b.IsInteger(like))
        {
            var tensor = new TensorProto { Name = "value", DataType = (int)TensorProto.Types.DataType.Int64 };
            tensor.Dims.Add(1);
            tensor.Int64Data.Add((long)value);
            return b.MarkInteger(b.Op("ConstantOfShape", [shape], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor }));
        }

        return b.Op("ConstantOfShape", [shape], FloatAttribute(value));
    }

    private static AttributeProto FloatAttribute(double value) =>
        new() { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = FloatTensor("value", [1], [(float)value]) };

    /// <summary>
    /// Random fills of a float32 tensor with PyTorch's distributions: uniform_ and normal_ directly, exponential_,
    /// cauchy_ and log_normal_ as transforms of a uniform or normal draw, bernoulli with ONNX's Bernoulli.
    /// </summary>
    private string Random(string op)
    {
        var x = Input();
        if (b.IsInteger(x) || b.IsBoolMask(x))
        {
            throw Refuse($"{op} of an int64 or bool tensor (the exporter draws float32 values)");
        }

        string Uniform(double low, double high) => b.Op("RandomUniformLike", [x], Int("dtype", 1), Float("low", low), Float("high", high));
        string Normal(double mean, double std) => b.Op("RandomNormalLike", [x], Int("dtype", 1), Float("mean", mean), Float("scale", std));
        switch (op)
        {
            case "uniform_":
                return Uniform(Double(1, "from", 0), Double(2, "to", 1));
            case "normal_":
                return Normal(Double(1, "mean", 0), Double(2, "std", 1));
            case "log_normal_":
                return b.Op("Exp", [Normal(Double(1, "mean", 1), Double(2, "std", 2))]);
            case "exponential_":
            {
                // -log(1 - U) / lambda for U in [0, 1).
                var lambd = Double(1, "lambd", 1);
                return b.Op("Div", [b.Op("Neg", [b.Op("Log", [b.Op("Sub", [b.Scalar(1), Uniform(0, 1)])])]), b.Scalar(lambd)]);
            }

            case "cauchy_":
            {
                // median + sigma * tan(pi * (U - 0.5)).
                var (median, sigma) = (Double(1, "median", 0), Double(2, "sigma", 1));
                var angle = b.Op("Mul", [b.Op("Sub", [Uniform(0, 1), b.Scalar(0.5)]), b.Scalar(Math.PI)]);
                return b.Op("Add", [b.Op("Mul", [b.Op("Tan", [angle]), b.Scalar(sigma)]), b.Scalar(median)]);
            }

            default:
            {
                // bernoulli_(p) / x.bernoulli(p): p a number or a tensor; x.bernoulli() draws with x's values as probabilities.
                var p = Get(1, "p");
                var probabilities = p switch
                {
                    TensorRef t => b.Op("Expand", [b.AsFloat(t.Name), b.Op("Shape", [x])]),
                    null when op == "bernoulli" => x,
                    null => Constant(x, 0.5, false),
                    _ => Constant(x, AsDouble(p, "p"), false),
                };
                return b.Op("Bernoulli", [probabilities], Int("dtype", 1));
            }
        }
    }

    private string Move(string op)
    {
        var x = Input();
        var rank = InputShape(0, "input").Rank;
        switch (op)
        {
            case "gather":
            {
                var index = Tensor(2, "index");
                if (!b.IsInteger(index))
                {
                    throw Refuse("an index that is not an int64 tensor");
                }

                if (Get(3, "sparse_grad") is true)
                {
                    throw Refuse("gather with sparse_grad=True");
                }

                return Keep(x, b.Op("GatherElements", [x, index], Int("axis", Normalize(Long(1, "dim"), rank))));
            }

            case "flip" or "fliplr" or "flipud":
            {
                long[] dims = op switch
                {
                    "fliplr" => [1],
                    "flipud" => [0],
                    _ when _node.Kind == NodeKind.CallMethod && _node.Args.Count > 2 => [.. _node.Args.Skip(1).Select(a => AsLong(resolve(a), "dims"))],
                    _ => Longs(Get(1, "dims"), "dims"),
                };
                var axes = dims.Select(d => Normalize(d, rank)).ToArray();
                return Keep(x, b.Op("Slice", [x, b.Longs([.. axes.Select(_ => -1L)]), b.Longs([.. axes.Select(_ => long.MinValue)]), b.Longs(axes), b.Longs([.. axes.Select(_ => -1L)])]));
            }

            default:
            {
                // roll(shifts, dims): each dim's last `shift` elements moved to the front.
                var shifts = Longs(Get(1, "shifts"), "shifts");
                var shape = InputShape(0, "input");
                if (Get(2, "dims") is not { } dimsValue)
                {
                    if (!shape.IsFullyKnown || shifts.Length != 1)
                    {
                        throw Refuse($"roll without dims of a tensor of shape {shape} whose size is not fixed");
                    }

                    var count = shape.ToLongArray()!.Aggregate(1L, (p, v) => p * v);
                    var flat = Roll(b.Op("Reshape", [x, b.Longs(-1)]), 0, shifts[0], count);
                    return Keep(x, b.Op("Reshape", [flat, b.Longs(shape.ToLongArray()!)]));
                }

                var dims = Longs(dimsValue, "dims");
                if (dims.Length != shifts.Length)
                {
                    throw Refuse($"roll with {shifts.Length} shifts and {dims.Length} dims");
                }

                var result = x;
                for (var i = 0; i < dims.Length; i++)
                {
                    var dim = Normalize(dims[i], rank);
                    if (!shape[(int)dim].IsKnown)
                    {
                        throw Refuse($"roll along dim {dim}, whose size {shape[(int)dim]} is not fixed");
                    }

                    result = Roll(result, dim, shifts[i], shape[(int)dim].Value);
                }

                return Keep(x, result == x ? b.Op("Identity", [x]) : result);
            }
        }
    }

    private string Roll(string x, long axis, long shift, long size)
    {
        var s = ((shift % size) + size) % size;
        if (s == 0)
        {
            return x;
        }

        var tail = b.Op("Slice", [x, b.Longs(size - s), b.Longs(size), b.Longs(axis)]);
        var head = b.Op("Slice", [x, b.Longs(0), b.Longs(size - s), b.Longs(axis)]);
        return b.Op("Concat", [tail, head], Int("axis", axis));
    }

    /// <summary>cumsum(dim, dtype): ONNX's CumSum (int64 stays int64; dtype float32 or int64).</summary>
    private string CumSum()
    {
        var x = Input();
        var rank = InputShape(0, "input").Rank;
        var dim = Normalize(Long(1, "dim"), rank);
        var typed = DTypeKeyword(2) is { } kind ? CastTo(x, kind == "bool" ? throw Refuse("cumsum with dtype=torch.bool") : kind) : b.IsBoolMask(x) ? CastTo(x, "int") : x;
        var result = b.Op("CumSum", [typed, b.LongScalar(dim)]);
        return b.IsInteger(typed) ? b.MarkInteger(result) : result;
    }

    private string? DTypeKeyword(int index) => Get(index, "dtype") is { } d ? DType(d) : null;

    /// <summary>The slices of a dim of fixed length, one per element (for the unrolled cumulative ops).</summary>
    private (string[] Slices, long Axis) Elements(string x)
    {
        var shape = InputShape(0, "input");
        var axis = Normalize(Long(1, "dim"), shape.Rank);
        var size = shape[(int)axis];
        if (!size.IsKnown || size.Value > MaxUnrolled)
        {
            throw Refuse($"a cumulative op along dim {axis} of size {size}: ONNX opset 17 has no cumulative product, max or min, and the exporter unrolls fixed sizes up to {MaxUnrolled} only");
        }

        return ([.. Enumerable.Range(0, (int)size.Value).Select(i => b.Op("Slice", [x, b.Longs(i), b.Longs(i + 1), b.Longs(axis)]))], axis);
    }

    /// <summary>cumprod: the running product, element by element in PyTorch's order.</summary>
    private string CumProd()
    {
        var x = Input();
        var typed = DTypeKeyword(2) is { } kind ? CastTo(x, kind == "bool" ? throw Refuse("cumprod with dtype=torch.bool") : kind) : b.IsBoolMask(x) ? CastTo(x, "int") : x;
        var (slices, axis) = Elements(typed);
        var running = new string[slices.Length];
        for (var i = 0; i < slices.Length; i++)
        {
            running[i] = i == 0 ? slices[0] : b.Op("Mul", [running[i - 1], slices[i]]);
        }

        var result = running.Length == 1 ? b.Op("Identity", [running[0]]) : b.Op("Concat", running, Int("axis", axis));
        return b.IsInteger(typed) ? b.MarkInteger(result) : result;
    }

    /// <summary>
    /// cummax/cummin: (values, indices) as PyTorch computes them, element by element: an element is taken where it is
    /// NaN, or the running value is not NaN and it is at least (at most) the running value (a tie takes the later index).
    /// </summary>
    private string[] CumulativeExtreme(bool max)
    {
        var x = Input();
        var integer = b.IsInteger(x);
        var (slices, axis) = Elements(x);
        var values = new string[slices.Length];
        var indices = new string[slices.Length];
        for (var i = 0; i < slices.Length; i++)
        {
            if (i == 0)
            {
                values[0] = slices[0];
                indices[0] = Constant(slices[0], 0, integer: true);
                continue;
            }

            var take = b.Op(max ? "GreaterOrEqual" : "LessOrEqual", [slices[i], values[i - 1]]);
            if (!integer)
            {
                take = b.Op("Or", [b.Op("IsNaN", [slices[i]]), b.Op("And", [b.Op("Not", [b.Op("IsNaN", [values[i - 1]])]), take])]);
            }

            values[i] = b.Op("Where", [take, slices[i], values[i - 1]]);
            indices[i] = b.Op("Where", [take, b.LongScalar(i), indices[i - 1]]);
        }

        var joinedValues = slices.Length == 1 ? b.Op("Identity", [values[0]]) : b.Op("Concat", values, Int("axis", axis));
        var joinedIndices = b.MarkInteger(slices.Length == 1 ? b.Op("Identity", [indices[0]]) : b.Op("Concat", indices, Int("axis", axis)));
        return [integer ? b.MarkInteger(joinedValues) : Keep(x, joinedValues), joinedIndices];
    }

    /// <summary>logcumsumexp: the running log-add-exp in PyTorch's order (max + log1p(exp(min - max)), the element itself where both are the same infinity).</summary>
    private string LogCumSumExp()
    {
        var (slices, axis) = Elements(b.AsFloat(Input()));
        var running = new string[slices.Length];
        for (var i = 0; i < slices.Length; i++)
        {
            if (i == 0)
            {
                running[0] = slices[0];
                continue;
            }

            var (r, v) = (running[i - 1], slices[i]);
            var low = b.Op("Min", [r, v]);
            var high = b.Op("Max", [r, v]);
            var sum = b.Op("Add", [high, b.Op("Log", [b.Op("Add", [b.Scalar(1), b.Op("Exp", [b.Op("Sub", [low, high])])])])]);
            var finite = b.Op("Or", [b.Op("Not", [b.Op("Equal", [low, high])]), b.Op("Not", [b.Op("Or", [b.Op("IsNaN", [low]), b.Op("IsInf", [low])])])]);
            running[i] = b.Op("Where", [finite, sum, r]);
        }

        return running.Length == 1 ? b.Op("Identity", [running[0]]) : b.Op("Concat", running, Int("axis", axis));
    }

    private string Normalization(string op)
    {
        var x = b.AsFloat(Input());
        var shape = InputShape(0, "input");
        switch (op)
        {
            case "normalize":
            {
                // x / max(||x||_p over dim, eps), as F.normalize.
                var p = Double(1, "p", 2.0);
                var dim = Normalize(Long(2, "dim", 1), shape.Rank);
                var eps = Double(3, "eps", 1e-12);
                var axes = Ints("axes", [dim]);
                var keep = Int("keepdims", 1);
                var norm = p switch
                {
                    2 => b.Op("ReduceL2", [x], axes, keep),
                    1 => b.Op("ReduceL1", [x], axes, keep),
                    double.PositiveInfinity => b.Op("ReduceMax", [b.Op("Abs", [x])], axes, keep),
                    > 0 => b.Op("Pow", [b.Op("ReduceSum", [b.Op("Pow", [b.Op("Abs", [x]), b.Scalar(p)]), b.Longs(dim)], keep), b.Scalar(1 / p)]),
                    _ => throw Refuse($"normalize with p={p}"),
                };
                return b.Op("Div", [x, b.Op("Max", [norm, b.Scalar(eps)])]);
            }

            case "local_response_norm":
            {
                var size = Long(1, "size");
                if (size % 2 == 0)
                {
                    throw Refuse($"local_response_norm with an even size {size}: PyTorch's window is [c - {size / 2}, c + {(size - 1) / 2}], ONNX's LRN centres it the other way");
                }

                if (shape.Rank is not (3 or 4))
                {
                    throw Refuse($"local_response_norm of a {shape.Rank}-d input (the exporter maps 3-d and 4-d)");
                }

                var input = shape.Rank == 3 ? b.Op("Unsqueeze", [x, b.Longs(3)]) : x;
                var lrn = b.Op("LRN", [input], Int("size", size), Float("alpha", Double(2, "alpha", 1e-4)), Float("beta", Double(3, "beta", 0.75)), Float("bias", Double(4, "k", 1.0)));
                return shape.Rank == 3 ? b.Op("Squeeze", [lrn, b.Longs(3)]) : lrn;
            }

            default:
            {
                // instance_norm with the input's own statistics (use_input_stats=True, PyTorch's default).
                if (Get(5, "use_input_stats") is false)
                {
                    throw Refuse("instance_norm with use_input_stats=False");
                }

                if (shape.Rank < 3 || !shape[1].IsKnown)
                {
                    throw Refuse($"instance_norm of an input of shape {shape} (the exporter needs (N, C, ...) with C fixed)");
                }

                var channels = shape[1].Value;
                var scale = Get(3, "weight") is TensorRef w ? w.Name : b.Floats([channels], [.. Enumerable.Repeat(1f, checked((int)channels))]);
                var bias = Get(4, "bias") is TensorRef bb ? bb.Name : b.Floats([channels], new float[channels]);
                return b.Op("InstanceNormalization", [x, scale, bias], Float("epsilon", Double(7, "eps", 1e-5)));
            }
        }
    }

    /// <summary>torch.special.softmax/log_softmax(input, dim, dtype) and F.softmin(input, dim, _stacklevel, dtype).</summary>
    private string Softmax(string op)
    {
        var x = b.AsFloat(Input());
        var functional = _node.Target.StartsWith(Fn, StringComparison.Ordinal);
        if (DTypeKeyword(functional ? 3 : 2) is { } kind && kind != "float")
        {
            throw Refuse($"{op} with an integer or bool dtype");
        }

        var rank = InputShape(0, "input").Rank;
        var dim = Get(1, "dim") is { } d ? AsLong(d, "dim") : functional ? (rank is 0 or 1 or 3 ? 0 : 1) : throw Refuse("dim is required");
        return op switch
        {
            "softmin" => CommonOps.Softmax(b, "Softmax", b.Op("Neg", [x]), dim),
            "log_softmax" => CommonOps.Softmax(b, "LogSoftmax", x, dim),
            _ => CommonOps.Softmax(b, "Softmax", x, dim),
        };
    }

    private static Dictionary<string, (string, bool)> BuildSpellings()
    {
        var spelled = new Dictionary<string, (string, bool)>(StringComparer.Ordinal) { ["function:abs"] = ("abs", false) };
        foreach (var (op, spellings) in Rows)
        {
            foreach (var spelling in spellings.Split(' '))
            {
                var (key, inPlace) = spelling switch
                {
                    "F" => ("function:" + Fn + op, false),
                    "F_" => ("function:" + Fn + op + "_", true),
                    "t" => ("function:torch." + op, false),
                    "t_" => ("function:torch." + op + "_", true),
                    "s" => ("function:torch.special." + op, false),
                    "m" => ("method:" + op, op.EndsWith('_')),
                    "m_" => ("method:" + op + "_", true),
                    _ => ("method:__" + op + "__", false),
                };
                spelled[key] = (op, inPlace);
            }
        }

        return spelled;
    }

    private string Input() => Tensor(0, "input");

    private object? Get(int index, string name) => NodeArguments.Get(_node, index, name, resolve);

    private string Tensor(int index, string name) =>
        Get(index, name) is TensorRef t ? t.Name : throw Refuse($"its argument {name} is not a tensor the exporter follows");

    private ShapeSafe.Shapes.Shape InputShape(int index, string name)
    {
        var args = _node.Args.Count > 0 ? _node.Args : [.. _node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))];
        if (index < args.Count && args[index] is NodeRefArg r)
        {
            return CommonOps.ShapeOf(r.Node, _node);
        }

        foreach (var (key, value) in _node.Kwargs)
        {
            if (key == name && value is NodeRefArg kr)
            {
                return CommonOps.ShapeOf(kr.Node, _node);
            }
        }

        throw Refuse($"its argument {name} is not a tensor the exporter follows");
    }

    private long Long(int index, string name, long? fallback = null) => Get(index, name) switch
    {
        null when fallback is { } f => f,
        var v => AsLong(v, name),
    };

    private double Double(int index, string name, double fallback) => Get(index, name) is { } v ? AsDouble(v, name) : fallback;

    private double? OptionalDouble(int index, string name) => Get(index, name) is { } v ? AsDouble(v, name) : null;

    private long[] Longs(object? value, string name) => value switch
    {
        long l => [l],
        int i => [i],
        IReadOnlyList<object?> list => [.. list.Select(v => AsLong(v, name))],
        _ => throw Refuse($"{name}={value ?? "None"}"),
    };

    private long AsLong(object? value, string name) => value switch
    {
        long l => l,
        int i => i,
        _ => throw Refuse($"{name}={value ?? "None"} is not an integer the exporter knows"),
    };

    private double AsDouble(object? value, string name) => value switch
    {
        long l => l,
        double d => d,
        int i => i,
        float f => f,
        bool f => f ? 1 : 0,
        _ => throw Refuse($"{name}={value ?? "None"} is not a number the exporter knows"),
    };

    private static long Normalize(long dim, int rank) => dim < 0 ? dim + rank : dim;

    private UnmappableException Refuse(string reason) => new(_node, reason);
}
