using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>Conv1d/2d/3d and ConvTranspose1d/2d/3d, with the checks PyTorch's _ConvNd constructor makes (TorchSharp makes only some).</summary>
internal static class ConvolutionMakers
{
    private static readonly string[] PaddingModeNames = ["zeros", "reflect", "replicate", "circular"];

    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("Conv1d", a => Conv(a, 1)),
        ("Conv2d", a => Conv(a, 2)),
        ("Conv3d", a => Conv(a, 3)),
        ("ConvTranspose1d", a => ConvTranspose(a, 1)),
        ("ConvTranspose2d", a => ConvTranspose(a, 2)),
        ("ConvTranspose3d", a => ConvTranspose(a, 3)),
    ];

    private static nn.Module<Tensor, Tensor> Conv(LayerArgs a, int n)
    {
        var (inC, outC, groups) = Channels(a);
        var k = a.Tuple("kernel_size", n);
        var s = a.Tuple("stride", n);
        var d = a.Tuple("dilation", n);
        var bias = a.Bool("bias");
        var modeName = a.String("padding_mode") ?? "zeros";
        if (!PaddingModeNames.Contains(modeName))
        {
            throw new LayerBuildException($"padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='{modeName}'");
        }

        var mode = PaddingMode(modeName);
        if (a.String("padding") is { } text)
        {
            var type = text switch
            {
                "same" => Padding.Same,
                "valid" => Padding.Valid,
                _ => throw new LayerBuildException($"Invalid padding string '{text}', should be one of {{'valid', 'same'}}"),
            };
            if (type == Padding.Same && s.Any(x => x != 1))
            {
                throw new LayerBuildException("padding='same' is not supported for strided convolutions");
            }

            return n switch
            {
                1 => nn.Conv1d(inC, outC, k[0], type, stride: s[0], dilation: d[0], padding_mode: mode, groups: groups, bias: bias),
                2 => nn.Conv2d(inC, outC, (k[0], k[1]), type, stride: (s[0], s[1]), dilation: (d[0], d[1]), padding_mode: mode, groups: groups, bias: bias),
                _ => nn.Conv3d(inC, outC, (k[0], k[1], k[2]), type, stride: (s[0], s[1], s[2]), dilation: (d[0], d[1], d[2]), padding_mode: mode, groups: groups, bias: bias),
            };
        }

        var p = a.Tuple("padding", n);
        return n switch
        {
            1 => nn.Conv1d(inC, outC, k[0], stride: s[0], padding: p[0], dilation: d[0], padding_mode: mode, groups: groups, bias: bias),
            2 => nn.Conv2d(inC, outC, (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[1]), dilation: (d[0], d[1]), padding_mode: mode, groups: groups, bias: bias),
            _ => nn.Conv3d(inC, outC, (k[0], k[1], k[2]), stride: (s[0], s[1], s[2]), padding: (p[0], p[1], p[2]), dilation: (d[0], d[1], d[2]), padding_mode: mode, groups: groups, bias: bias),
        };
    }

    private static nn.Module<Tensor, Tensor> ConvTranspose(LayerArgs a, int n)
    {
        var (inC, outC, groups) = Channels(a);
        var k = a.Tuple("kernel_size", n);
        var s = a.Tuple("stride", n);
        var p = a.Tuple("padding", n);
        var o = a.Tuple("output_padding", n);
        var d = a.Tuple("dilation", n);
        var bias = a.Bool("bias");
        if ((a.String("padding_mode") ?? "zeros") != "zeros")
        {
            throw new LayerBuildException($"Only \"zeros\" padding mode is supported for ConvTranspose{n}d");
        }

        return n switch
        {
            1 => nn.ConvTranspose1d(inC, outC, k[0], stride: s[0], padding: p[0], output_padding: o[0], dilation: d[0], groups: groups, bias: bias),
            2 => nn.ConvTranspose2d(inC, outC, (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[1]), output_padding: (o[0], o[1]), dilation: (d[0], d[1]), groups: groups, bias: bias),
            _ => nn.ConvTranspose3d(inC, outC, (k[0], k[1], k[2]), stride: (s[0], s[1], s[2]), padding: (p[0], p[1], p[2]), output_padding: (o[0], o[1], o[2]), dilation: (d[0], d[1], d[2]), groups: groups, bias: bias),
        };
    }

    /// <summary>in_channels, out_channels and groups, checked as PyTorch's _ConvNd.__init__ checks them.</summary>
    private static (long In, long Out, long Groups) Channels(LayerArgs a)
    {
        var inC = a.Long("in_channels");
        var outC = a.Long("out_channels");
        var groups = a.Long("groups");
        if (groups <= 0)
        {
            throw new LayerBuildException("groups must be a positive integer");
        }

        if (inC % groups != 0)
        {
            throw new LayerBuildException("in_channels must be divisible by groups");
        }

        if (outC % groups != 0)
        {
            throw new LayerBuildException("out_channels must be divisible by groups");
        }

        return (inC, outC, groups);
    }

    private static PaddingModes PaddingMode(string name) => name switch
    {
        "reflect" => PaddingModes.Reflect,
        "replicate" => PaddingModes.Replicate,
        "circular" => PaddingModes.Circular,
        _ => PaddingModes.Zeros,
    };
}
