using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// The reference side of the differential test: each layer built straight from TorchSharp's API
/// (torch.nn.Conv2d(...), nn.functional.interpolate(...), ...) with PyTorch 1.13's Python-level checks written out
/// from its source (torch/nn/modules/*.py, torch/nn/functional.py), which TorchSharp, calling libtorch directly, does
/// not make. Nothing from src/ is used: not the engine's parser, layer rules or arguments, nor the adapter's
/// LayerFactory or modules. Each check throws as PyTorch raises.
/// </summary>
internal static class ReferenceLayers
{
    private static readonly string[] PaddingModes = ["zeros", "reflect", "replicate", "circular"];

    /// <summary>Applies one bound layer to <paramref name="x"/> in eval mode, recording the sizes taken from the tensor into <paramref name="inferred"/>.</summary>
    public static Tensor Apply(string type, Dictionary<string, object?> args, Tensor x, Dictionary<string, long> inferred)
    {
        var n = char.IsDigit(type[^2]) ? type[^2] - '0' : 0;
        var family = n > 0 ? type[..^2] : type;
        Infer(family, n, args, x, inferred);
        return family switch
        {
            "Conv" => Use(Conv(args, n), x),
            "ConvTranspose" => ConvTranspose(args, n, x),
            "MaxPool" => Use(MaxPool(args, n), x),
            "AvgPool" => Use(AvgPool(args, n), x),
            "AdaptiveAvgPool" or "AdaptiveMaxPool" => Adaptive(family == "AdaptiveMaxPool", Optional(args, "output_size", n), x),
            "BatchNorm" => BatchNorm(args, n, x),
            "InstanceNorm" => InstanceNorm(args, n, x),
            "GroupNorm" => GroupNorm(args, x),
            "Dropout" or "AlphaDropout" => Dropout(type, args, x),
            "ZeroPad" or "ConstantPad" or "ReflectionPad" or "ReplicationPad" => Pad(family, args, n, x),
            "Upsample" => Interpolate(args, Str(args, "mode"), args["align_corners"] as bool?, x),
            "UpsamplingNearest" => Interpolate(args, "nearest", null, x),
            "UpsamplingBilinear" => Interpolate(args, "bilinear", true, x),
            "Linear" => Use(nn.Linear(Long(args, "in_features"), Long(args, "out_features"), Bool(args, "bias")), x),
            "LayerNorm" => Use(nn.LayerNorm(Tuple(args, "normalized_shape", 1), Double(args, "eps"), Bool(args, "elementwise_affine")), x),
            "Softmax" => nn.functional.softmax(x, args["dim"] is long d ? d : ImplicitSoftmaxDim(x)),
            "LogSoftmax" => nn.functional.log_softmax(x, args["dim"] is long d ? d : ImplicitSoftmaxDim(x)),
            "Flatten" => Use(nn.Flatten(Long(args, "start_dim"), Long(args, "end_dim")), x),
            "Unflatten" => Use(nn.Unflatten(Long(args, "dim"), Tuple(args, "unflattened_size", 1)), x),
            "ReLU" => Use(nn.ReLU(), x),
            "GELU" => Use(nn.GELU(), x),
            "SiLU" => Use(nn.SiLU(), x),
            "LeakyReLU" => Use(nn.LeakyReLU(Double(args, "negative_slope")), x),
            "Tanh" => Use(nn.Tanh(), x),
            "Hardswish" => Use(nn.Hardswish(), x),
            "PReLU" => Use(nn.PReLU(Long(args, "num_parameters"), Double(args, "init")), x),
            _ => throw new ArgumentException($"the reference does not know nn.{type}"),
        };
    }

    /// <summary>
    /// Sizes left out, taken from the tensor as PyTorch's Lazy modules do: in_features from the last dimension
    /// (LazyLinear); in_channels from dimension 1, or 0 for an unbatched input (_LazyConvXdMixin._get_in_channels);
    /// num_features from dimension 1 (_LazyNormBase).
    /// </summary>
    private static void Infer(string family, int n, Dictionary<string, object?> args, Tensor x, Dictionary<string, long> inferred)
    {
        foreach (var name in ReferenceSignatures.Inferable.Where(p => !args.ContainsKey(p) && ReferenceSignatures.Of(family + (n > 0 ? $"{n}d" : string.Empty)).Any(s => s.Name == p)))
        {
            long size = name switch
            {
                "in_features" when x.dim() >= 1 => x.shape[^1],
                "in_channels" when x.dim() == n + 1 => x.shape[0],
                _ when x.dim() >= 2 => x.shape[1],
                _ => throw new InvalidOperationException($"{name} cannot be taken from an input of {x.dim()} dimensions"),
            };
            inferred[name] = size;
            args[name] = size;
        }
    }

    private static Tensor Use(nn.Module<Tensor, Tensor> module, Tensor x)
    {
        using (module)
        {
            module.eval();
            return module.forward(x);
        }
    }

    /// <summary>_ConvNd.__init__'s checks, then torch.nn.Conv1d/2d/3d.</summary>
    private static nn.Module<Tensor, Tensor> Conv(Dictionary<string, object?> args, int n)
    {
        var (inC, outC, groups) = Channels(args);
        var mode = Str(args, "padding_mode");
        var (k, s, d) = (Tuple(args, "kernel_size", n), Tuple(args, "stride", n), Tuple(args, "dilation", n));
        var bias = Bool(args, "bias");
        if (!PaddingModes.Contains(mode))
        {
            throw new ArgumentException($"padding_mode must be one of {string.Join(", ", PaddingModes)}, but got padding_mode='{mode}'");
        }

        var paddingMode = mode switch { "reflect" => TorchSharp.PaddingModes.Reflect, "replicate" => TorchSharp.PaddingModes.Replicate, "circular" => TorchSharp.PaddingModes.Circular, _ => TorchSharp.PaddingModes.Zeros };
        if (args["padding"] is string text)
        {
            var padding = text switch
            {
                "same" => Padding.Same,
                "valid" => Padding.Valid,
                _ => throw new ArgumentException($"Invalid padding string '{text}', should be one of ['valid', 'same']"),
            };
            if (padding == Padding.Same && s.Any(v => v != 1))
            {
                throw new ArgumentException("padding='same' is not supported for strided convolutions");
            }

            return n switch
            {
                1 => nn.Conv1d(inC, outC, k[0], padding, stride: s[0], dilation: d[0], padding_mode: paddingMode, groups: groups, bias: bias),
                2 => nn.Conv2d(inC, outC, (k[0], k[1]), padding, stride: (s[0], s[1]), dilation: (d[0], d[1]), padding_mode: paddingMode, groups: groups, bias: bias),
                _ => nn.Conv3d(inC, outC, (k[0], k[1], k[2]), padding, stride: (s[0], s[1], s[2]), dilation: (d[0], d[1], d[2]), padding_mode: paddingMode, groups: groups, bias: bias),
            };
        }

        var p = Tuple(args, "padding", n);
        return n switch
        {
            1 => nn.Conv1d(inC, outC, k[0], stride: s[0], padding: p[0], dilation: d[0], padding_mode: paddingMode, groups: groups, bias: bias),
            2 => nn.Conv2d(inC, outC, (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[1]), dilation: (d[0], d[1]), padding_mode: paddingMode, groups: groups, bias: bias),
            _ => nn.Conv3d(inC, outC, (k[0], k[1], k[2]), stride: (s[0], s[1], s[2]), padding: (p[0], p[1], p[2]), dilation: (d[0], d[1], d[2]), padding_mode: paddingMode, groups: groups, bias: bias),
        };
    }

    /// <summary>
    /// _ConvTransposeNd's checks, then torch.nn.ConvTranspose1d/2d/3d. An output with no elements is refused first, as
    /// libtorch's reference kernel does ("Output size is too small"): its oneDNN kernel would end the process instead.
    /// </summary>
    private static Tensor ConvTranspose(Dictionary<string, object?> args, int n, Tensor x)
    {
        var (inC, outC, groups) = Channels(args);
        if (Str(args, "padding_mode") != "zeros")
        {
            throw new ArgumentException($"Only \"zeros\" padding mode is supported for ConvTranspose{n}d");
        }

        var (k, s, p, o, d) = (Tuple(args, "kernel_size", n), Tuple(args, "stride", n), Tuple(args, "padding", n), Tuple(args, "output_padding", n), Tuple(args, "dilation", n));
        var bias = Bool(args, "bias");
        if (x.dim() >= n + 1)
        {
            for (var i = 0; i < n; i++)
            {
                var size = ((x.shape[^n..][i] - 1) * s[i]) - (2 * p[i]) + (d[i] * (k[i] - 1)) + o[i] + 1;
                if (size <= 0)
                {
                    throw new InvalidOperationException($"Calculated output size per channel is {size}: Output size is too small");
                }
            }
        }

        return Use(n switch
        {
            1 => nn.ConvTranspose1d(inC, outC, k[0], stride: s[0], padding: p[0], output_padding: o[0], dilation: d[0], groups: groups, bias: bias),
            2 => nn.ConvTranspose2d(inC, outC, (k[0], k[1]), stride: (s[0], s[1]), padding: (p[0], p[1]), output_padding: (o[0], o[1]), dilation: (d[0], d[1]), groups: groups, bias: bias),
            _ => nn.ConvTranspose3d(inC, outC, (k[0], k[1], k[2]), stride: (s[0], s[1], s[2]), padding: (p[0], p[1], p[2]), output_padding: (o[0], o[1], o[2]), dilation: (d[0], d[1], d[2]), groups: groups, bias: bias),
        }, x);
    }

    private static (long In, long Out, long Groups) Channels(Dictionary<string, object?> args)
    {
        var (inC, outC, groups) = (Long(args, "in_channels"), Long(args, "out_channels"), Long(args, "groups"));
        if (groups <= 0)
        {
            throw new ArgumentException("groups must be a positive integer");
        }

        if (inC % groups != 0)
        {
            throw new ArgumentException("in_channels must be divisible by groups");
        }

        return outC % groups != 0 ? throw new ArgumentException("out_channels must be divisible by groups") : (inC, outC, groups);
    }

    private static nn.Module<Tensor, Tensor> MaxPool(Dictionary<string, object?> args, int n)
    {
        var k = Tuple(args, "kernel_size", n);
        var s = args["stride"] is null ? k : Tuple(args, "stride", n);
        var (p, d, ceil) = (Tuple(args, "padding", n), Tuple(args, "dilation", n), Bool(args, "ceil_mode"));
        return n switch
        {
            1 => nn.MaxPool1d(k[0], s[0], p[0], d[0], ceil),
            2 => nn.MaxPool2d((k[0], k[1]), (s[0], s[1]), (p[0], p[1]), (d[0], d[1]), ceil),
            _ => nn.MaxPool3d((k[0], k[1], k[2]), (s[0], s[1], s[2]), (p[0], p[1], p[2]), (d[0], d[1], d[2]), ceil),
        };
    }

    private static nn.Module<Tensor, Tensor> AvgPool(Dictionary<string, object?> args, int n)
    {
        var k = Tuple(args, "kernel_size", n);
        var s = args["stride"] is null ? k : Tuple(args, "stride", n);
        var (p, ceil, include) = (Tuple(args, "padding", n), Bool(args, "ceil_mode"), Bool(args, "count_include_pad"));
        return n switch
        {
            1 => nn.AvgPool1d(k[0], s[0], p[0], ceil, include),
            2 => nn.AvgPool2d((k[0], k[1]), (s[0], s[1]), (p[0], p[1]), ceil, include),
            _ => nn.AvgPool3d((k[0], k[1], k[2]), (s[0], s[1], s[2]), (p[0], p[1], p[2]), ceil, include),
        };
    }

    /// <summary>
    /// F.adaptive_*_pool: a None size keeps the input's (_list_with_default, which needs enough dimensions), then
    /// torch.nn.functional.adaptive_avg_pool1d/2d/3d and adaptive_max_pool1d/2d; the 3-d max pool, which TorchSharp does
    /// not expose, is computed from its definition (the max over each adaptive window, starts floor(i*D/o), ends ceil((i+1)*D/o)).
    /// </summary>
    private static Tensor Adaptive(bool max, long?[] size, Tensor x)
    {
        var rank = size.Length;
        if (size.Any(s => s is null) && x.dim() < rank)
        {
            throw new ArgumentException($"Input dimension should be at least {rank + 1}");
        }

        var o = size.Select((s, i) => s ?? x.shape[^rank..][i]).ToArray();
        return (max, rank) switch
        {
            (false, 1) => nn.functional.adaptive_avg_pool1d(x, o[0]),
            (false, 2) => nn.functional.adaptive_avg_pool2d(x, o),
            (false, _) => nn.functional.adaptive_avg_pool3d(x, o),
            (true, 1) => nn.functional.adaptive_max_pool1d(x, o[0]),
            (true, 2) => nn.functional.adaptive_max_pool2d(x, o),
            _ => AdaptiveMax3d(x, o),
        };
    }

    private static Tensor AdaptiveMax3d(Tensor x, long[] o)
    {
        if (x.dim() is not (4 or 5) || x.shape[^4..].Any(s => s == 0))
        {
            throw new ArgumentException($"adaptive_max_pool3d(): Expected 4D or 5D tensor with non-zero non-batch dimensions, but got: [{string.Join(", ", x.shape)}]");
        }

        var inputs = x.shape[^3..];
        var planes = new List<Tensor>();
        for (var i = 0L; i < o[0]; i++)
        {
            for (var j = 0L; j < o[1]; j++)
            {
                for (var l = 0L; l < o[2]; l++)
                {
                    var window = x;
                    foreach (var (axis, index) in new[] { (0, i), (1, j), (2, l) })
                    {
                        var start = index * inputs[axis] / o[axis];
                        var end = (((index + 1) * inputs[axis]) + o[axis] - 1) / o[axis];
                        window = window.narrow(x.dim() - 3 + axis, start, end - start);
                    }

                    planes.Add(window.amax([-3, -2, -1]));
                }
            }
        }

        var stacked = stack(planes, -1);
        return stacked.reshape([.. x.shape[..^3], o[0], o[1], o[2]]);
    }

    /// <summary>_BatchNorm: _check_input_dim, then F.batch_norm (whose _verify_batch_size applies when batch statistics are used).</summary>
    private static Tensor BatchNorm(Dictionary<string, object?> args, int n, Tensor x)
    {
        var (c, eps, affine, track) = (Long(args, "num_features"), Double(args, "eps"), Bool(args, "affine"), Bool(args, "track_running_stats"));
        if (n == 1 ? x.dim() is not (2 or 3) : x.dim() != n + 2)
        {
            throw new ArgumentException($"expected {(n == 1 ? "2D or 3D" : $"{n + 2}D")} input (got {x.dim()}D input)");
        }

        if (!track && x.shape[0] * x.shape.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException("Expected more than 1 value per channel when training");
        }

        using var weight = affine ? ones(c) : null;
        using var bias = affine ? zeros(c) : null;
        using var mean = track ? zeros(c) : null;
        using var variance = track ? ones(c) : null;
        return nn.functional.batch_norm(x, mean, variance, weight, bias, !track, 0.1, eps);
    }

    /// <summary>_InstanceNorm.forward (1.13): _check_input_dim, the num_features check when affine, unbatched input, then F.instance_norm (_verify_spatial_size).</summary>
    private static Tensor InstanceNorm(Dictionary<string, object?> args, int n, Tensor x)
    {
        var (c, eps, affine, track) = (Long(args, "num_features"), Double(args, "eps"), Bool(args, "affine"), Bool(args, "track_running_stats"));
        if (x.dim() != n + 1 && x.dim() != n + 2)
        {
            throw new ArgumentException($"expected {n + 1}D or {n + 2}D input (got {x.dim()}D input)");
        }

        var unbatched = x.dim() == n + 1;
        var featureDim = unbatched ? 0 : 1;
        if (x.shape[featureDim] != c && affine)
        {
            throw new ArgumentException($"expected input's size at dim={featureDim} to match num_features ({c}), but got: {x.shape[featureDim]}.");
        }

        var batched = unbatched ? x.unsqueeze(0) : x;
        if (!track && batched.shape.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException("Expected more than 1 spatial element when training");
        }

        using var weight = affine ? ones(c) : null;
        using var bias = affine ? zeros(c) : null;
        using var mean = track ? zeros(c) : null;
        using var variance = track ? ones(c) : null;
        var result = nn.functional.instance_norm(batched, mean, variance, weight, bias, !track, 0.1, eps);
        return unbatched ? result.squeeze(0) : result;
    }

    /// <summary>nn.GroupNorm's constructor check, then F.group_norm (its dimension check and _verify_batch_size).</summary>
    private static Tensor GroupNorm(Dictionary<string, object?> args, Tensor x)
    {
        var (groups, channels) = (Long(args, "num_groups"), Long(args, "num_channels"));
        if (channels % groups != 0)
        {
            throw new ArgumentException("num_channels must be divisible by num_groups");
        }

        if (x.dim() < 2)
        {
            throw new ArgumentException($"Expected at least 2 dimensions for input tensor but received {x.dim()}");
        }

        if (x.shape[0] * x.shape[1] / groups * x.shape.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException("Expected more than 1 value per channel when training");
        }

        using var weight = Bool(args, "affine") ? ones(channels) : null;
        using var bias = Bool(args, "affine") ? zeros(channels) : null;
        return nn.functional.group_norm(x, groups, weight, bias, Double(args, "eps"));
    }

    /// <summary>Dropout in eval mode: the probability check of every variant, and F.dropout1d's rank check (2-D and 3-D only); the tensor passes unchanged.</summary>
    private static Tensor Dropout(string type, Dictionary<string, object?> args, Tensor x)
    {
        var p = Double(args, "p");
        if (p is < 0 or > 1)
        {
            throw new ArgumentException($"dropout probability has to be between 0 and 1, but got {p}");
        }

        if (type == "Dropout1d" && x.dim() is not (2 or 3))
        {
            throw new ArgumentException($"dropout1d: Expected 2D or 3D input, but received a {x.dim()}D input");
        }

        return Use(type switch
        {
            "Dropout1d" => nn.Dropout1d(p),
            "Dropout2d" => nn.Dropout2d(p),
            "Dropout3d" => nn.Dropout3d(p),
            "AlphaDropout" => nn.AlphaDropout(p),
            _ => nn.Dropout(p),
        }, x);
    }

    /// <summary>The padding modules: an int is repeated for both sides of every padded dimension (_pair, _quadruple, _ntuple(6)), then F.pad.</summary>
    private static Tensor Pad(string family, Dictionary<string, object?> args, int n, Tensor x)
    {
        var pad = args["padding"] is List<object?> list ? list.Select(v => (long)v!).ToArray() : Enumerable.Repeat((long)args["padding"]!, 2 * n).ToArray();
        return family switch
        {
            "ReflectionPad" => nn.functional.pad(x, pad, TorchSharp.PaddingModes.Reflect),
            "ReplicationPad" => nn.functional.pad(x, pad, TorchSharp.PaddingModes.Replicate),
            "ConstantPad" => nn.functional.pad(x, pad, TorchSharp.PaddingModes.Constant, Double(args, "value")),
            _ => nn.functional.pad(x, pad, TorchSharp.PaddingModes.Constant, 0),
        };
    }

    /// <summary>F.interpolate (1.13): its Python checks in its order, then torch.nn.functional.interpolate with the same output size or scales.</summary>
    private static Tensor Interpolate(Dictionary<string, object?> args, string mode, bool? alignCorners, Tensor x)
    {
        if (mode is "nearest" or "area" or "nearest-exact")
        {
            if (alignCorners is not null)
            {
                throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
            }
        }
        else
        {
            alignCorners ??= false;
        }

        var dim = (int)x.dim() - 2;
        var (size, scale) = (args["size"], args["scale_factor"]);
        long[]? outputSize = null;
        double[]? scales = null;
        if (size is not null && scale is not null)
        {
            throw new ArgumentException("only one of size or scale_factor should be defined");
        }

        if (size is List<object?> sizes)
        {
            outputSize = sizes.Count == dim ? sizes.Select(v => (long)v!).ToArray() : throw new ArgumentException("Input and output must have the same number of spatial dimensions");
        }
        else if (size is long one)
        {
            outputSize = Enumerable.Repeat(one, Math.Max(dim, 0)).ToArray();
        }
        else if (scale is List<object?> factors)
        {
            scales = factors.Count == dim ? factors.Select(Number).ToArray() : throw new ArgumentException("Input and scale_factor must have the same number of spatial dimensions");
        }
        else if (scale is not null)
        {
            scales = Enumerable.Repeat(Number(scale), Math.Max(dim, 0)).ToArray();
        }
        else
        {
            throw new ArgumentException("either size or scale_factor should be defined");
        }

        var interpolation = (x.dim(), mode) switch
        {
            (3 or 4 or 5, "nearest") => InterpolationMode.Nearest,
            (3, "linear") => InterpolationMode.Linear,
            (4, "bilinear") => InterpolationMode.Bilinear,
            (4, "bicubic") => InterpolationMode.Bicubic,
            (5, "trilinear") => InterpolationMode.Trilinear,
            (3 or 4 or 5, _) => throw new NotSupportedException($"Got {x.dim()}D input, but {mode} mode needs another rank"),
            _ => throw new NotSupportedException($"Input Error: Only 3D, 4D and 5D input Tensors supported (got {x.dim()}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got {mode})"),
        };
        return nn.functional.interpolate(x, outputSize, scales, interpolation, alignCorners, recompute_scale_factor: false, antialias: false);
    }

    /// <summary>_get_softmax_dim: dim 0 for 0-, 1- and 3-dimensional inputs, else dim 1.</summary>
    private static long ImplicitSoftmaxDim(Tensor x) => x.dim() is 0 or 1 or 3 ? 0 : 1;

    private static long Long(Dictionary<string, object?> args, string name) => (long)args[name]!;

    private static double Double(Dictionary<string, object?> args, string name) => Number(args[name]);

    private static double Number(object? value) => value is long l ? l : (double)value!;

    private static bool Bool(Dictionary<string, object?> args, string name) => (bool)args[name]!;

    private static string Str(Dictionary<string, object?> args, string name) => (string)args[name]!;

    private static long[] Tuple(Dictionary<string, object?> args, string name, int n) =>
        args[name] is List<object?> list ? list.Select(v => (long)v!).ToArray() : Enumerable.Repeat((long)args[name]!, n).ToArray();

    private static long?[] Optional(Dictionary<string, object?> args, string name, int n) =>
        args[name] is List<object?> list ? list.Select(v => (long?)v).ToArray() : Enumerable.Repeat((long?)args[name], n).ToArray();
}
