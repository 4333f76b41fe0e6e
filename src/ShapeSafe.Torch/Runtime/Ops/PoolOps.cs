using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Pooling the other op families do not run: <c>F.max_pool3d</c> and <c>F.adaptive_max_pool3d</c> (both with
/// <c>return_indices</c>), <c>F.avg_pool3d</c>, <c>F.adaptive_avg_pool3d</c>, and the <c>torch.*</c> forms PyTorch 1.13 has:
/// <c>torch.max_pool1d/2d/3d</c> and <c>torch.avg_pool1d</c> (the same arguments as F's), <c>torch.adaptive_avg_pool1d</c>,
/// and <c>torch.adaptive_max_pool1d</c>, which gives a (values, indices) pair.
/// </summary>
internal static class PoolOps
{
    private const string Fn = "torch.nn.functional.";

    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function(Fn + "max_pool3d", c => MaxPool(c, 3, indicesAllowed: true)),
        OpEntry.Function("torch.max_pool1d", c => MaxPool(c, 1, indicesAllowed: false)),
        OpEntry.Function("torch.max_pool2d", c => MaxPool(c, 2, indicesAllowed: false)),
        OpEntry.Function("torch.max_pool3d", c => MaxPool(c, 3, indicesAllowed: false)),
        OpEntry.Function(Fn + "avg_pool3d", c => AvgPool(c, 3)),
        OpEntry.Function("torch.avg_pool1d", c => AvgPool(c, 1)),
        OpEntry.Function(Fn + "adaptive_avg_pool3d", c => F.adaptive_avg_pool3d(Input(c, 3), OutputSize(c, 3))),
        OpEntry.Function("torch.adaptive_avg_pool1d", c => F.adaptive_avg_pool1d(Input(c, 1), OutputSize(c, 1)[0])),
        OpEntry.Function(Fn + "adaptive_max_pool3d", AdaptiveMaxPool3d),
        OpEntry.Function("torch.adaptive_max_pool1d", c => Pair(F.adaptive_max_pool1d_with_indices(Input(c, 1), OutputSize(c, 1)[0]))),
    ];

    /// <summary>The input, with one batch dimension or none before the channels and <paramref name="n"/> spatial ones.</summary>
    private static Tensor Input(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        return x.dim() == n + 1 || x.dim() == n + 2 ? x
            : throw c.Fail($"{n}-D pooling expects a {n + 1}-D or {n + 2}-D input, got {OpCall.Describe(x)}");
    }

    private static object MaxPool(OpCall c, int n, bool indicesAllowed)
    {
        var x = Input(c, n);
        var k = Sizes(c, 1, "kernel_size", n, null);
        var s = Sizes(c, 2, "stride", n, k);
        var p = Sizes(c, 3, "padding", n, new long[n]);
        var d = Sizes(c, 4, "dilation", n, [.. Enumerable.Repeat(1L, n)]);
        var ceil = c.Bool(5, "ceil_mode", false);
        if (indicesAllowed && c.Bool(6, "return_indices", false))
        {
            return Pair(F.max_pool3d_with_indices(x, k, s, p, d, ceil));
        }

        return n switch
        {
            1 => F.max_pool1d(x, k[0], s[0], p[0], d[0], ceil),
            2 => F.max_pool2d(x, k, s, p, d, ceil),
            _ => F.max_pool3d(x, k, s, p, d, ceil),
        };
    }

    private static Tensor AvgPool(OpCall c, int n)
    {
        var x = Input(c, n);
        var k = Sizes(c, 1, "kernel_size", n, null);
        var s = Sizes(c, 2, "stride", n, k);
        var p = Sizes(c, 3, "padding", n, new long[n]);
        var ceil = c.Bool(4, "ceil_mode", false);
        var countIncludePad = c.Bool(5, "count_include_pad", true);
        return n == 1
            ? F.avg_pool1d(x, k[0], s[0], p[0], ceil, countIncludePad)
            : F.avg_pool3d(x, k, s, p, ceil, countIncludePad, c.OptionalLong(6, "divisor_override"));
    }

    private static object AdaptiveMaxPool3d(OpCall c)
    {
        var x = Input(c, 3);
        var size = OutputSize(c, 3);
        var (values, indices) = AdaptiveMax3d(x, size);
        if (c.Bool(2, "return_indices", false))
        {
            return new List<object?> { values, indices };
        }

        indices.Dispose();
        return values;
    }

    /// <summary>
    /// Adaptive 3-D max pooling, built from the 2-D and 1-D kernels (TorchSharp's 3-D forms reach libtorch's 1-D kernel):
    /// adaptive windows are per dimension, so a box's maximum is the maximum over its depth range of each depth's (h, w)
    /// window maximum. Indices are PyTorch's (d * H + h) * W + w; on ties the first in (d, h, w) order wins, as in PyTorch's scan.
    /// </summary>
    private static (Tensor Values, Tensor Indices) AdaptiveMax3d(Tensor x, long[] size)
    {
        using var scope = NewDisposeScope();
        var batched = x.dim() == 5 ? x : x.unsqueeze(0);
        var (n, channels, depth, height, width) = (batched.shape[0], batched.shape[1], batched.shape[2], batched.shape[3], batched.shape[4]);
        var (outD, outH, outW) = (size[0], size[1], size[2]);

        // (h, w) windows for every depth slice: [N, C*D, oH, oW].
        var (planes, planeIndex) = F.adaptive_max_pool2d_with_indices(batched.reshape(n, channels * depth, height, width), [outH, outW]);
        planes = planes.reshape(n, channels, depth, outH, outW);
        planeIndex = planeIndex.reshape(n, channels, depth, outH, outW);

        // Depth windows over those maxima: move depth last, [N, C*oH*oW, D] -> [N, C*oH*oW, oD].
        var columns = planes.permute(0, 1, 3, 4, 2).reshape(n, channels * outH * outW, depth);
        var (pooled, depthIndex) = F.adaptive_max_pool1d_with_indices(columns, outD);
        var values = pooled.reshape(n, channels, outH, outW, outD).permute(0, 1, 4, 2, 3).contiguous();
        var d = depthIndex.reshape(n, channels, outH, outW, outD).permute(0, 1, 4, 2, 3);
        var within = planeIndex.gather(2, d);
        var indices = (d * (height * width) + within).contiguous();
        if (x.dim() == 4)
        {
            values = values.squeeze(0);
            indices = indices.squeeze(0);
        }

        return (values.MoveToOuterDisposeScope(), indices.MoveToOuterDisposeScope());
    }

    private static List<object?> Pair((Tensor Values, Tensor Indices) result) => [result.Values, result.Indices];

    /// <summary>output_size: an int for every spatial dimension, or one per dimension, None keeping the input's size.</summary>
    private static long[] OutputSize(OpCall c, int n)
    {
        var x = c.Tensor(0, "input");
        var value = c.Get(1, "output_size") ?? throw c.Fail("output_size is required");
        if (value is not IReadOnlyList<object?> list)
        {
            return [.. Enumerable.Repeat(c.AsLong(value, "output_size"), n)];
        }

        if (list.Count != n)
        {
            throw c.Fail($"output_size must have {n} values, got {list.Count}");
        }

        return [.. list.Select((v, i) => v is null ? x.shape[x.dim() - n + i] : c.AsLong(v, "output_size"))];
    }

    private static long[] Sizes(OpCall c, int index, string name, int n, long[]? fallback)
    {
        var value = c.Get(index, name);
        if (value is null || value is IReadOnlyList<object?> { Count: 0 } || value is long[] { Length: 0 })
        {
            return fallback ?? throw c.Fail($"{name} is required");
        }

        var sizes = c.AsLongs(value, name);
        return sizes.Length == 1 ? [.. Enumerable.Repeat(sizes[0], n)]
            : sizes.Length == n ? sizes
            : throw c.Fail($"{name} must be one int or {n} ints, got ({string.Join(", ", sizes)})");
    }
}
