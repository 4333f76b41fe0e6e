using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Activations and functional layers without weights: relu and friends, softmax, dropout, pooling.</summary>
internal static class ActivationOps
{
    private const string Fn = "torch.nn.functional.";

    public static IEnumerable<OpEntry> All =>
    [
        .. Unary("relu", t => t.relu()),
        .. Unary("sigmoid", t => t.sigmoid()),
        .. Unary("tanh", t => t.tanh()),
        .. Unary("exp", t => t.exp()),
        .. Unary("log", t => t.log()),
        .. Unary("sqrt", t => t.sqrt()),
        .. Unary("abs", t => t.abs()),
        .. Unary("rsqrt", t => t.rsqrt()),
        .. OpEntry.Functions(c => F.relu6(c.Tensor(0, "input")), Fn + "relu6"),
        .. OpEntry.Functions(c => F.gelu(c.Tensor(0, "input")), Fn + "gelu"),
        .. OpEntry.Functions(c => F.silu(c.Tensor(0, "input")), Fn + "silu"),
        .. OpEntry.Functions(c => F.hardswish(c.Tensor(0, "input")), Fn + "hardswish"),
        .. OpEntry.Functions(c => F.hardsigmoid(c.Tensor(0, "input")), Fn + "hardsigmoid"),
        .. OpEntry.Functions(c => F.elu(c.Tensor(0, "input"), c.Double(1, "alpha", 1.0)), Fn + "elu"),
        .. OpEntry.Functions(c => F.leaky_relu(c.Tensor(0, "input"), c.Double(1, "negative_slope", 0.01)), Fn + "leaky_relu"),
        .. OpEntry.Functions(c => F.softplus(c.Tensor(0, "input"), c.Double(1, "beta", 1.0), c.Double(2, "threshold", 20.0)), Fn + "softplus"),
        .. OpEntry.Functions(c => F.glu(c.Tensor(0, "input"), c.Long(1, "dim", -1)), Fn + "glu"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").clamp(c.Get(1, "min") is { } lo ? c.AsDouble(lo, "min") : null, c.Get(2, "max") is { } hi ? c.AsDouble(hi, "max") : null), "torch.clamp"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").clamp(c.Get(1, "min") is { } lo ? c.AsDouble(lo, "min") : null, c.Get(2, "max") is { } hi ? c.AsDouble(hi, "max") : null), "clamp"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").softmax(c.Long(1, "dim")), "torch.softmax", Fn + "softmax"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").softmax(c.Long(1, "dim")), "softmax"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").log_softmax(c.Long(1, "dim")), "torch.log_softmax", Fn + "log_softmax"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").log_softmax(c.Long(1, "dim")), "log_softmax"),
        .. OpEntry.Functions(Dropout, Fn + "dropout", Fn + "dropout2d", "torch.dropout"),
        .. OpEntry.Functions(c => MaxPool(c, 1), Fn + "max_pool1d"),
        .. OpEntry.Functions(c => MaxPool(c, 2), Fn + "max_pool2d"),
        .. OpEntry.Functions(c => AvgPool(c, 1), Fn + "avg_pool1d"),
        .. OpEntry.Functions(c => AvgPool(c, 2), Fn + "avg_pool2d"),
        .. OpEntry.Functions(c => F.adaptive_avg_pool1d(c.Tensor(0, "input"), c.Long(1, "output_size")), Fn + "adaptive_avg_pool1d"),
        .. OpEntry.Functions(c => F.adaptive_avg_pool2d(c.Tensor(0, "input"), Pair(c.Longs(1, "output_size", varargs: false))), Fn + "adaptive_avg_pool2d"),
        .. OpEntry.Functions(c => F.adaptive_max_pool1d(c.Tensor(0, "input"), c.Long(1, "output_size")), Fn + "adaptive_max_pool1d"),
        .. OpEntry.Functions(c => F.adaptive_max_pool2d(c.Tensor(0, "input"), Pair(c.Longs(1, "output_size", varargs: false))), Fn + "adaptive_max_pool2d"),
    ];

    /// <summary>An elementwise op as <c>torch.X</c>, <c>F.X</c> and the method <c>x.X()</c>.</summary>
    private static IEnumerable<OpEntry> Unary(string name, Func<Tensor, Tensor> run) =>
    [
        OpEntry.Function("torch." + name, c => run(c.Tensor(0, "input"))),
        OpEntry.Function(Fn + name, c => run(c.Tensor(0, "input"))),
        OpEntry.Method(name, c => run(c.Tensor(0, "input"))),
    ];

    private static object Dropout(OpCall c)
    {
        // F.dropout's training defaults to True (PyTorch applies it even in eval mode unless told otherwise).
        var training = c.Bool(2, "training", fallback: c.Node.Target == "torch.dropout" ? c.Training : true);
        return F.dropout(c.Tensor(0, "input"), c.Double(1, "p", 0.5), training);
    }

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
