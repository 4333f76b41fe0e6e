using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Functional layers given their weights as tensors (<c>F.linear(x, self.w)</c>, <c>F.conv2d(x, w, b, stride, padding)</c>).
/// Shapes are checked before libtorch sees them: <c>linear</c> reaches matmul, which aborts the process on a mismatch.
/// </summary>
internal static class WeightOps
{
    private const string Fn = "torch.nn.functional.";

    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function(Fn + "linear", Linear),
        OpEntry.Function(Fn + "conv1d", c => Conv(c, 1)),
        OpEntry.Function(Fn + "conv2d", c => Conv(c, 2)),
    ];

    private static Tensor Linear(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        if (x.dim() == 0 || w.dim() is not (1 or 2) || x.shape[^1] != w.shape[^1])
        {
            throw c.Fail($"linear of {OpCall.Describe(x)} with weight {OpCall.Describe(w)}: the input's last size must equal the weight's last size");
        }

        if (b is not null && w.dim() == 2 && (b.dim() != 1 || b.shape[0] != w.shape[0]))
        {
            throw c.Fail($"linear's bias {OpCall.Describe(b)} does not match weight {OpCall.Describe(w)}");
        }

        return F.linear(x, w, b);
    }

    private static Tensor Conv(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var w = c.Tensor(1, "weight");
        var b = c.Get(2, "bias") is { } bias ? c.AsTensor(bias, "bias") : null;
        var stride = Sizes(c, 3, "stride", n, 1);
        var padding = Sizes(c, 4, "padding", n, 0);
        var dilation = Sizes(c, 5, "dilation", n, 1);
        var groups = c.Long(6, "groups", 1);
        return n == 1
            ? F.conv1d(x, w, b, stride[0], padding[0], dilation[0], groups)
            : F.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    private static long[] Sizes(OpCall c, int index, string name, int n, long fallback)
    {
        if (c.Get(index, name) is not { } value)
        {
            return [.. Enumerable.Repeat(fallback, n)];
        }

        if (value is string)
        {
            throw c.Fail($"{name} given as a string is not run");
        }

        var sizes = c.AsLongs(value, name);
        return sizes.Length == 1 ? [.. Enumerable.Repeat(sizes[0], n)] : sizes;
    }
}
