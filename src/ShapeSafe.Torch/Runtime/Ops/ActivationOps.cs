using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Activations and functional layers without weights: relu and friends, softmax, dropout, pooling.</summary>
internal static class ActivationOps
{
    private const string Fn = "torch.nn.functional.";

    public static IEnumerable<OpEntry> All =>
    [
        .. Activation("relu", "F F_ t t_ m m_", 1, (c, x) => x.relu()),
        .. Activation("relu6", "F", 1, (c, x) => F.relu6(x)),
        .. Activation("leaky_relu", "F F_", 2, (c, x) => F.leaky_relu(x, c.Double(1, "negative_slope", 0.01))),
        .. Activation("elu", "F F_", 2, (c, x) => F.elu(x, c.Double(1, "alpha", 1.0))),
        .. Activation("selu", "F F_ t t_", 1, (c, x) => F.selu(x)),
        .. Activation("celu", "F F_ t t_", 2, (c, x) => F.celu(x, c.Double(1, "alpha", 1.0))),
        .. Activation("gelu", "F", -1, (c, x) => c.String(1, "approximate", "none") switch
        {
            "none" => F.gelu(x),
            "tanh" => F.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
            var a => throw c.Fail($"approximate must be 'none' or 'tanh', not '{a}'"),
        }),
        .. Activation("silu", "F", 1, (c, x) => F.silu(x)),
        .. Activation("mish", "F", 1, (c, x) => F.mish(x)),
        .. Activation("sigmoid", "F t t_ m m_", -1, (c, x) => x.sigmoid()),
        .. Activation("tanh", "F t t_ m m_", -1, (c, x) => x.tanh()),
        .. Activation("hardswish", "F", 1, (c, x) => F.hardswish(x)),
        .. Activation("hardsigmoid", "F", 1, (c, x) => F.hardsigmoid(x)),
        .. Activation("hardtanh", "F F_", 3, (c, x) => x.clamp(c.Double(1, "min_val", -1.0), c.Double(2, "max_val", 1.0))),
        .. Activation("softplus", "F", -1, (c, x) => Softplus(x, c.Double(1, "beta", 1.0), c.Double(2, "threshold", 20.0))),
        .. Activation("softsign", "F", -1, (c, x) => { using var abs = x.abs(); using var denominator = abs + 1; return x / denominator; }),
        .. Activation("tanhshrink", "F", -1, (c, x) => F.tanhshrink(x)),
        .. Activation("logsigmoid", "F", -1, (c, x) => F.logsigmoid(x)),
        .. Activation("hardshrink", "F t m", -1, (c, x) => F.hardshrink(x, c.Double(1, "lambd", 0.5))),
        .. Activation("softshrink", "F", -1, (c, x) => F.softshrink(x, c.Double(1, "lambd", 0.5))),
        .. Activation("threshold", "F F_ t t_", 3, (c, x) => F.threshold(x, c.AsDouble(c.Get(1, "threshold"), "threshold"), c.AsDouble(c.Get(2, "value"), "value"))),
        .. Activation("rrelu", "F F_ t t_", 4, (c, x) => Rrelu(x, c.Double(1, "lower", 1.0 / 8), c.Double(2, "upper", 1.0 / 3), c.Bool(3, "training", false))),
        .. Activation("prelu", "F t m", -1, (c, x) => F.prelu(x, c.Tensor(1, "weight"))),
        .. OpEntry.Functions(c => F.glu(c.Tensor(0, "input"), c.Long(1, "dim", -1)), Fn + "glu"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").exp(), "torch.nn.functional.exp"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").log(), "torch.nn.functional.log"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").sqrt(), "torch.nn.functional.sqrt"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").abs(), "torch.nn.functional.abs"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").rsqrt(), "torch.nn.functional.rsqrt"),
        .. Softmax("softmax", "F t s m", (x, dim, dtype) => x.softmax(dim, dtype)),
        .. Softmax("log_softmax", "F t s m", (x, dim, dtype) => x.log_softmax(dim, dtype)),
        .. Softmax("softmin", "F", (x, dim, dtype) => { using var negated = -x; return negated.softmax(dim, dtype); }),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => F.dropout(x, p, t), true), Fn + "dropout", "torch.dropout"),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => FeatureDropout(x, p, t, 3), true), Fn + "dropout1d"),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => FeatureDropout(x, p, t, -1), true), Fn + "dropout2d"),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => FeatureDropout(x, p, t, 5), true), Fn + "dropout3d"),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => F.alpha_dropout(x, p, t), false), Fn + "alpha_dropout", "torch.alpha_dropout"),
        .. OpEntry.Functions(c => Dropout(c, (x, p, t) => F.feature_alpha_dropout(x, p, t), false), Fn + "feature_alpha_dropout", "torch.feature_alpha_dropout"),
        .. OpEntry.Functions(c => F.normalize(c.Tensor(0, "input"), c.Double(1, "p", 2.0), c.Long(2, "dim", 1), c.Double(3, "eps", 1e-12)), Fn + "normalize"),
        .. OpEntry.Functions(c => F.local_response_norm(c.Tensor(0, "input"), c.Long(1, "size"), c.Double(2, "alpha", 1e-4), c.Double(3, "beta", 0.75), c.Double(4, "k", 1.0)), Fn + "local_response_norm"),
        .. OpEntry.Functions(InstanceNorm, Fn + "instance_norm"),
        .. OpEntry.Functions(c => MaxPool(c, 1), Fn + "max_pool1d"),
        .. OpEntry.Functions(c => MaxPool(c, 2), Fn + "max_pool2d"),
        .. OpEntry.Functions(c => AvgPool(c, 1), Fn + "avg_pool1d"),
        .. OpEntry.Functions(c => AvgPool(c, 2), Fn + "avg_pool2d"),
        .. OpEntry.Functions(c => F.adaptive_avg_pool1d(c.Tensor(0, "input"), c.Long(1, "output_size")), Fn + "adaptive_avg_pool1d"),
        .. OpEntry.Functions(c => F.adaptive_avg_pool2d(c.Tensor(0, "input"), Pair(c.Longs(1, "output_size", varargs: false))), Fn + "adaptive_avg_pool2d"),
        .. OpEntry.Functions(c => F.adaptive_max_pool1d(c.Tensor(0, "input"), c.Long(1, "output_size")), Fn + "adaptive_max_pool1d"),
        .. OpEntry.Functions(c => F.adaptive_max_pool2d(c.Tensor(0, "input"), Pair(c.Longs(1, "output_size", varargs: false))), Fn + "adaptive_max_pool2d"),
    ];

    /// <summary>
    /// An activation under the spellings PyTorch 1.13 has, as listed in <paramref name="spellings"/>: <c>F</c>
    /// (<c>F.X</c>), <c>F_</c> (<c>F.X_</c>), <c>t</c> / <c>t_</c> (<c>torch.X</c>, <c>torch.X_</c>), <c>m</c> / <c>m_</c>
    /// (<c>x.X()</c>, <c>x.X_()</c>). The <c>X_</c> spellings, and <c>inplace=True</c> (keyword, or positional at
    /// <paramref name="inplaceIndex"/>; -1 when the op has none), write the result into the input and return it.
    /// </summary>
    private static IEnumerable<OpEntry> Activation(string name, string spellings, int inplaceIndex, Func<OpCall, Tensor, Tensor> run)
    {
        Op outOfPlace = c =>
        {
            var x = c.Tensor(0, "input");
            return inplaceIndex >= 0 && c.Bool(inplaceIndex, "inplace", false) ? InPlace.Write(c, x, run(c, x)) : run(c, x);
        };
        Op inPlace = c =>
        {
            var x = c.Tensor(0, "input");
            return InPlace.Write(c, x, run(c, x));
        };
        foreach (var spelling in spellings.Split(' '))
        {
            yield return spelling switch
            {
                "F" => OpEntry.Function(Fn + name, outOfPlace),
                "F_" => OpEntry.Function(Fn + name + "_", inPlace),
                "t" => OpEntry.Function("torch." + name, outOfPlace),
                "t_" => OpEntry.Function("torch." + name + "_", inPlace),
                "m" => OpEntry.Method(name, outOfPlace),
                _ => OpEntry.Method(name + "_", inPlace),
            };
        }
    }

    /// <summary>
    /// softmax, log_softmax, softmin with <c>dim</c> and <c>dtype</c> (F.X's third parameter is <c>_stacklevel</c>, so its
    /// dtype is the fourth). F.X without a dim takes PyTorch's legacy implicit dim: 0 for 0-, 1- and 3-d input, else 1.
    /// </summary>
    private static IEnumerable<OpEntry> Softmax(string name, string spellings, Func<Tensor, long, ScalarType?, Tensor> run)
    {
        foreach (var spelling in spellings.Split(' '))
        {
            var functional = spelling == "F";
            Op op = c =>
            {
                var x = c.Tensor(0, "input");
                var dim = c.Get(1, "dim") is { } d ? c.AsLong(d, "dim")
                    : functional ? (x.dim() is 0 or 1 or 3 ? 0 : 1)
                    : throw c.Fail("dim is required");
                return run(x, dim, DTypeArgs.Optional(c, functional ? 3 : 2, "dtype"));
            };
            yield return spelling switch
            {
                "F" => OpEntry.Function(Fn + name, op),
                "t" => OpEntry.Function("torch." + name, op),
                "s" => OpEntry.Function("torch.special." + name, op),
                _ => OpEntry.Method(name, op),
            };
        }
    }

    /// <summary>
    /// The dropout family: <c>F.X(input, p=0.5, training, inplace=False)</c>, whose training defaults to True for dropout
    /// and dropout1d/2d/3d (PyTorch applies them even in eval mode unless told otherwise) and to False for the alpha ones;
    /// <c>torch.X(input, p, train)</c> follows the module's mode when train is not given.
    /// </summary>
    private static Tensor Dropout(OpCall c, Func<Tensor, double, bool, Tensor> run, bool trainingByDefault)
    {
        var x = c.Tensor(0, "input");
        var p = c.Double(1, "p", 0.5);
        if (p is < 0.0 or > 1.0)
        {
            throw c.Fail($"dropout probability has to be between 0 and 1, but got {p}");
        }

        var functional = c.Node.Target.StartsWith(Fn, StringComparison.Ordinal);
        var training = functional ? c.Bool(2, "training", trainingByDefault) : c.Bool(2, "train", c.Training);
        if (!training)
        {
            return x;
        }

        return functional && c.Bool(3, "inplace", false) ? InPlace.Write(c, x, run(x, p, true)) : run(x, p, true);
    }

    /// <summary>
    /// PyTorch 1.13's channel-wise dropout (<c>_VF.feature_dropout</c>): whole channels (dim 1) zeroed with probability p,
    /// the rest scaled by 1/(1-p). dropout1d and dropout3d treat input of other than <paramref name="batchedRank"/> dims as
    /// unbatched (a batch dim is added around the call); dropout2d (-1) uses the input as it is (a 3-d input is (N, C, L)).
    /// </summary>
    private static Tensor FeatureDropout(Tensor x, double p, bool training, int batchedRank)
    {
        if (!training)
        {
            return x;
        }

        var unbatched = batchedRank > 0 && x.dim() != batchedRank;
        using var input = unbatched ? x.unsqueeze(0) : x.alias();
        var maskShape = input.shape.Select((size, i) => i < 2 ? size : 1L).ToArray();
        using var mask = p >= 1.0 ? zeros(maskShape, input.dtype, input.device) : empty(maskShape, input.dtype, input.device).bernoulli_(1.0 - p).div_(1.0 - p);
        using var result = input * mask;
        return unbatched ? result.squeeze(0) : result.alias();
    }

    /// <summary>softplus: log(1 + exp(beta * x)) / beta, x itself where beta * x is above threshold (TorchSharp's F.softplus ignores beta and threshold).</summary>
    private static Tensor Softplus(Tensor x, double beta, double threshold)
    {
        using var scaled = x * beta;
        using var linear = scaled.gt(threshold);
        using var exp = scaled.exp();
        using var log = exp.log1p();
        using var smooth = log / beta;
        return where(linear, x, smooth);
    }

    /// <summary>rrelu: the negative slope is (lower + upper) / 2 outside training, drawn uniformly from [lower, upper] per element in training.</summary>
    private static Tensor Rrelu(Tensor x, double lower, double upper, bool training)
    {
        if (!training)
        {
            return F.leaky_relu(x, (lower + upper) / 2);
        }

        using var slope = empty_like(x).uniform_(lower, upper);
        using var negative = x * slope;
        using var keep = x.ge(0);
        return where(keep, x, negative);
    }

    private static Tensor InstanceNorm(OpCall c) =>
        F.instance_norm(
            c.Tensor(0, "input"),
            c.Get(1, "running_mean") as Tensor,
            c.Get(2, "running_var") as Tensor,
            c.Get(3, "weight") as Tensor,
            c.Get(4, "bias") as Tensor,
            c.Bool(5, "use_input_stats", true),
            c.Double(6, "momentum", 0.1),
            c.Double(7, "eps", 1e-5));

    private static long[] Pair(long[] sizes) => sizes.Length == 1 ? [sizes[0], sizes[0]] : sizes;

    private static long[] Sizes(OpCall c, int index, string name, int n, long[]? fallback)
    {
        if (c.Get(index, name) is null)
        {
            return fallback ?? throw c.Fail($"{name} is required");
        }

        var sizes = c.Longs(index, name, varargs: false);
        return sizes.Length == 1 ? [.. Enumerable.Repeat(sizes[0], n)] : sizes;
    }

    private static Tensor MaxPool(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var k = Sizes(c, 1, "kernel_size", n, null);
        var s = Sizes(c, 2, "stride", n, k);
        var p = Sizes(c, 3, "padding", n, new long[n]);
        var d = Sizes(c, 4, "dilation", n, [.. Enumerable.Repeat(1L, n)]);
        var ceil = c.Bool(5, "ceil_mode", false);
        return n == 1 ? F.max_pool1d(x, k[0], s[0], p[0], d[0], ceil) : F.max_pool2d(x, k, s, p, d, ceil);
    }

    private static Tensor AvgPool(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var k = Sizes(c, 1, "kernel_size", n, null);
        var s = Sizes(c, 2, "stride", n, k);
        var p = Sizes(c, 3, "padding", n, new long[n]);
        var ceil = c.Bool(4, "ceil_mode", false);
        var countIncludePad = c.Bool(5, "count_include_pad", true);
        return n == 1 ? F.avg_pool1d(x, k[0], s[0], p[0], ceil, countIncludePad) : F.avg_pool2d(x, k, s, p, ceil, countIncludePad);
    }
}
