using ShapeSafe.Torch.Building.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>MaxPool, AvgPool, AdaptiveAvgPool and AdaptiveMaxPool in 1, 2 and 3 dimensions.</summary>
internal static class PoolingMakers
{
    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("MaxPool1d", a => MaxPool(a, 1)),
        ("MaxPool2d", a => MaxPool(a, 2)),
        ("MaxPool3d", a => MaxPool(a, 3)),
        ("AvgPool1d", a => AvgPool(a, 1)),
        ("AvgPool2d", a => AvgPool(a, 2)),
        ("AvgPool3d", a => AvgPool(a, 3)),
        ("AdaptiveAvgPool1d", a => Adaptive(a, 1, max: false)),
        ("AdaptiveAvgPool2d", a => Adaptive(a, 2, max: false)),
        ("AdaptiveAvgPool3d", a => Adaptive(a, 3, max: false)),
        ("AdaptiveMaxPool1d", a => Adaptive(a, 1, max: true)),
        ("AdaptiveMaxPool2d", a => Adaptive(a, 2, max: true)),
        ("AdaptiveMaxPool3d", a => Adaptive(a, 3, max: true)),
    ];

    private static nn.Module<Tensor, Tensor> MaxPool(LayerArgs a, int n)
    {
        RefuseIndices(a);
        var k = a.Tuple("kernel_size", n);
        var s = a.IsNone("stride") ? k : a.Tuple("stride", n);
        var p = a.Tuple("padding", n);
        var d = a.Tuple("dilation", n);
        var ceil = a.Bool("ceil_mode");
        return n switch
        {
            1 => nn.MaxPool1d(k[0], s[0], p[0], d[0], ceil),
            2 => nn.MaxPool2d((k[0], k[1]), (s[0], s[1]), (p[0], p[1]), (d[0], d[1]), ceil),
            _ => nn.MaxPool3d((k[0], k[1], k[2]), (s[0], s[1], s[2]), (p[0], p[1], p[2]), (d[0], d[1], d[2]), ceil),
        };
    }

    private static nn.Module<Tensor, Tensor> AvgPool(LayerArgs a, int n)
    {
        var k = a.Tuple("kernel_size", n);
        var s = a.IsNone("stride") ? k : a.Tuple("stride", n);
        var p = a.Tuple("padding", n);
        var ceil = a.Bool("ceil_mode");
        var countIncludePad = a.Bool("count_include_pad");
        var divisor = n == 1 ? null : a.OptionalLong("divisor_override");
        return n switch
        {
            1 => nn.AvgPool1d(k[0], s[0], p[0], ceil, countIncludePad),
            2 => nn.AvgPool2d((k[0], k[1]), (s[0], s[1]), (p[0], p[1]), ceil, countIncludePad, divisor),
            _ => nn.AvgPool3d((k[0], k[1], k[2]), (s[0], s[1], s[2]), (p[0], p[1], p[2]), ceil, countIncludePad, divisor),
        };
    }

    private static nn.Module<Tensor, Tensor> Adaptive(LayerArgs a, int n, bool max)
    {
        if (max)
        {
            RefuseIndices(a);
        }

        var size = a.OptionalTuple("output_size", n);
        if (size.Any(s => s is null) || (max && n == 3))
        {
            return new AdaptivePool(a.Type, max, size);
        }

        var o = size.Select(s => s!.Value).ToArray();
        return (max, n) switch
        {
            (false, 1) => nn.AdaptiveAvgPool1d(o[0]),
            (false, 2) => nn.AdaptiveAvgPool2d((o[0], o[1])),
            (false, _) => nn.AdaptiveAvgPool3d((o[0], o[1], o[2])),
            (true, 1) => nn.AdaptiveMaxPool1d(o[0]),
            _ => nn.AdaptiveMaxPool2d(o),
        };
    }

    private static void RefuseIndices(LayerArgs a)
    {
        if (a.Bool("return_indices"))
        {
            throw new LayerBuildException($"{a.Name}: return_indices=True makes {a.Type} return (output, indices), which the next layer of a Sequential cannot take; remove return_indices");
        }
    }
}
