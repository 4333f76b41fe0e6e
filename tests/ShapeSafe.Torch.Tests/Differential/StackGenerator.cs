using System.Globalization;
using System.Text;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// Random layer stacks written as model-file text: convolutions, pooling, normalization, dropout,
/// padding, upsampling, Flatten and Linear with random kernel / stride / padding / dilation / groups /
/// ceil_mode / output_padding, 'same' and 'valid', and input sizes down to 1 so that many stacks fail.
/// The generator tracks the channel count to write sizes that are usually right, and sometimes
/// writes a wrong size, a layer of the wrong dimensionality, or leaves a size out to be inferred.
/// </summary>
internal sealed class StackGenerator
{
    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private readonly List<string> _poolNames = [];
    private int _channels;
    private int _spatialRank;
    private bool _flat;
    private int _layerCount;

    public StackGenerator(int seed) => _random = new Random(seed);

    /// <summary>Model-file text with an input line and 1 to 6 layers.</summary>
    public string Generate()
    {
        _spatialRank = Pick(1, 2, 2, 2, 3);
        _channels = _random.Next(1, 5);
        var batch = _random.Next(1, 3);
        var spatial = Enumerable.Range(0, _spatialRank).Select(_ => SpatialSize()).ToList();
        if (_random.NextDouble() < 0.5)
        {
            spatial = Enumerable.Repeat(spatial[0], _spatialRank).ToList();
        }

        _text.Append(CultureInfo.InvariantCulture, $"input {batch}x{_channels}x{string.Join("x", spatial)}\n");
        var layers = _random.Next(1, 7);
        for (var i = 0; i < layers; i++)
        {
            _text.Append(_flat ? FlatLayer() : SpatialLayer()).Append('\n');
        }

        return _text.ToString();
    }

    private int SpatialSize() => _spatialRank == 3
        ? _random.Next(1, 7)
        : _random.NextDouble() < 0.25 ? _random.Next(1, 4) : _random.Next(4, 17);

    private string SpatialLayer()
    {
        // Mostly layers of the input's dimensionality; now and then one of another, which must fail where PyTorch fails.
        var n = _random.NextDouble() < 0.06 ? Pick(1, 2, 3) : _spatialRank;
        var roll = _random.Next(100);
        return roll switch
        {
            < 22 => Conv(n),
            < 30 => ConvTranspose(n),
            < 42 => MaxPool(n),
            < 49 => AvgPool(n),
            < 54 => AdaptivePool(n),
            < 62 => Norm(n),
            < 67 => Dropout(n),
            < 73 => Upsample(n),
            < 80 => Pad(n),
            < 84 => Activation(),
            < 86 => Named(Pick($"nn.LayerNorm({_random.Next(1, 9)})", $"nn.Softmax(dim={Pick(1, -1, 2)})", "nn.LogSoftmax()", $"nn.Unflatten(1, ({_channels}, 1))")),
            < 89 => ReusePool(),
            _ => Flatten(),
        };
    }

    private string FlatLayer() => _random.Next(100) switch
    {
        < 40 => Linear(),
        < 45 => Named($"nn.Unflatten(1, ({_random.Next(1, 5)}, {Pick("-1", _random.Next(1, 9).ToString(CultureInfo.InvariantCulture))}))"),
        < 55 => Named($"nn.Dropout(p={Pick("0.0", "0.5", "0.9")})"),
        < 65 => Named(Pick("nn.LazyBatchNorm1d()", $"nn.BatchNorm1d({_random.Next(1, 65)})")),
        < 85 => Activation(),
        < 92 => Named($"nn.LayerNorm({_random.Next(1, 65)})"),
        _ => Named($"nn.Softmax(dim={Pick("1", "-1", "0")})"),
    };

    private string Conv(int n)
    {
        var groups = Pick(1, 1, 1, 2, _channels);
        var outChannels = groups * _random.Next(1, 3);
        if (_random.NextDouble() < 0.05)
        {
            outChannels = _random.Next(1, 5);
        }

        var args = new List<string> { InChannels(n, "Conv"), outChannels.ToString(CultureInfo.InvariantCulture) };
        args.Add(_random.NextDouble() < 0.2 ? Tuple(n, 1, 5) : _random.Next(1, 5).ToString(CultureInfo.InvariantCulture));
        var stride = _random.Next(1, 4);
        var same = false;
        switch (_random.Next(10))
        {
            case 0:
                args.Add("padding='same'");
                same = true;
                break;
            case 1:
                args.Add("padding='valid'");
                break;
            default:
                var padding = _random.Next(0, 3);
                if (padding > 0)
                {
                    args.Add($"padding={padding}");
                    if (_random.NextDouble() < 0.15)
                    {
                        args.Add($"padding_mode='{Pick("reflect", "replicate", "circular")}'");
                    }
                }

                break;
        }

        if (!same || _random.NextDouble() < 0.15)
        {
            if (stride > 1)
            {
                args.Add($"stride={stride}");
            }
        }

        if (_random.NextDouble() < 0.25)
        {
            args.Add($"dilation={_random.Next(1, 4)}");
        }

        if (groups > 1)
        {
            args.Add($"groups={groups}");
        }

        if (_random.NextDouble() < 0.2)
        {
            args.Add("bias=False");
        }

        _channels = outChannels;
        return Named($"nn.{Lazy(args, $"Conv{n}d")}({string.Join(", ", args.Where(a => a.Length > 0))})");
    }

    private string ConvTranspose(int n)
    {
        var groups = Pick(1, 1, 2);
        var outChannels = groups * _random.Next(1, 3);
        var args = new List<string> { InChannels(n, "ConvTranspose"), outChannels.ToString(CultureInfo.InvariantCulture), _random.Next(1, 5).ToString(CultureInfo.InvariantCulture) };
        var stride = _random.Next(1, 4);
        if (stride > 1)
        {
            args.Add($"stride={stride}");
        }

        if (_random.NextDouble() < 0.5)
        {
            args.Add($"padding={_random.Next(0, 3)}");
        }

        if (_random.NextDouble() < 0.4)
        {
            args.Add($"output_padding={_random.Next(0, 3)}");
        }

        if (_random.NextDouble() < 0.25)
        {
            args.Add($"dilation={_random.Next(1, 3)}");
        }

        if (groups > 1)
        {
            args.Add($"groups={groups}");
        }

        _channels = outChannels;
        return Named($"nn.{Lazy(args, $"ConvTranspose{n}d")}({string.Join(", ", args.Where(a => a.Length > 0))})");
    }

    private string MaxPool(int n)
    {
        var kernel = _random.Next(1, 5);
        var args = new List<string> { _random.NextDouble() < 0.15 ? Tuple(n, 1, 4) : kernel.ToString(CultureInfo.InvariantCulture) };
        if (_random.NextDouble() < 0.5)
        {
            args.Add($"stride={_random.Next(1, 4)}");
        }

        if (_random.NextDouble() < 0.35)
        {
            args.Add($"padding={_random.Next(0, 3)}");
        }

        if (_random.NextDouble() < 0.25)
        {
            args.Add($"dilation={_random.Next(1, 3)}");
        }

        if (_random.NextDouble() < 0.35)
        {
            args.Add("ceil_mode=True");
        }

        var line = $"nn.MaxPool{n}d({string.Join(", ", args)})";
        if (_random.NextDouble() < 0.4)
        {
            var name = $"pool{_poolNames.Count}";
            _poolNames.Add(name);
            return $"{name} = {line}";
        }

        return Named(line);
    }

    private string AvgPool(int n)
    {
        var args = new List<string> { _random.Next(1, 5).ToString(CultureInfo.InvariantCulture) };
        if (_random.NextDouble() < 0.5)
        {
            args.Add($"stride={_random.Next(1, 4)}");
        }

        if (_random.NextDouble() < 0.35)
        {
            args.Add($"padding={_random.Next(0, 3)}");
        }

        if (_random.NextDouble() < 0.35)
        {
            args.Add("ceil_mode=True");
        }

        if (_random.NextDouble() < 0.3)
        {
            args.Add("count_include_pad=False");
        }

        return Named($"nn.AvgPool{n}d({string.Join(", ", args)})");
    }

    private string AdaptivePool(int n)
    {
        var kind = Pick("Avg", "Max");
        var size = n > 1 && _random.NextDouble() < 0.3
            ? "(" + string.Join(", ", Enumerable.Range(0, n).Select(_ => _random.NextDouble() < 0.4 ? "None" : _random.Next(1, 5).ToString(CultureInfo.InvariantCulture))) + ")"
            : _random.Next(1, 5).ToString(CultureInfo.InvariantCulture);
        return Named($"nn.Adaptive{kind}Pool{n}d({size})");
    }

    private string Norm(int n)
    {
        var channels = _random.NextDouble() < 0.06 ? _channels + 1 : _channels;
        return _random.Next(6) switch
        {
            0 => Named($"nn.LazyBatchNorm{n}d()"),
            1 or 2 => Named($"nn.BatchNorm{n}d({channels}{(_random.NextDouble() < 0.2 ? ", track_running_stats=False" : string.Empty)})"),
            3 => Named($"nn.InstanceNorm{n}d({channels}{(_random.NextDouble() < 0.3 ? ", affine=True" : string.Empty)})"),
            4 => Named($"nn.GroupNorm({Pick(1, 2, _channels)}, {channels})"),
            _ => Named($"nn.BatchNorm{n}d(num_features={channels})"),
        };
    }

    private string Dropout(int n) => Named(_random.Next(4) switch
    {
        0 => "nn.Dropout(0.25)",
        1 => $"nn.Dropout{n}d(p=0.5)",
        2 => "nn.AlphaDropout(0.1)",
        _ => $"nn.Dropout{n}d()",
    });

    private string Upsample(int n)
    {
        var mode = _random.NextDouble() < 0.85
            ? Pick("nearest", "nearest", n switch { 1 => "linear", 2 => "bilinear", _ => "trilinear" })
            : Pick("linear", "bilinear", "bicubic", "trilinear");
        var align = mode != "nearest" && _random.NextDouble() < 0.3 ? ", align_corners=True" : string.Empty;
        if (_random.NextDouble() < 0.3)
        {
            return Named($"nn.Upsample(size={(_random.NextDouble() < 0.5 ? Tuple(n, 1, 9) : _random.Next(1, 9).ToString(CultureInfo.InvariantCulture))}, mode='{mode}'{align})");
        }

        var scale = Pick("2", "2.0", "1.5", "3", "0.5");
        if (n == 2 && _random.NextDouble() < 0.1)
        {
            return Named(Pick($"nn.UpsamplingNearest2d(scale_factor={scale})", $"nn.UpsamplingBilinear2d(scale_factor={scale})"));
        }

        return Named($"nn.Upsample(scale_factor={scale}, mode='{mode}'{align})");
    }

    private string Pad(int n)
    {
        var padding = _random.NextDouble() < 0.3 ? Tuple(2 * n, 0, 4) : _random.Next(0, 4).ToString(CultureInfo.InvariantCulture);
        return Named(_random.Next(4) switch
        {
            0 => $"nn.ZeroPad{n}d({padding})",
            1 => $"nn.ConstantPad{n}d({padding}, 0.5)",
            2 => $"nn.ReflectionPad{n}d({padding})",
            _ => $"nn.ReplicationPad{n}d({padding})",
        });
    }

    private string Activation() => Named(Pick("nn.ReLU()", "nn.GELU()", "nn.SiLU()", "nn.LeakyReLU(0.1)", "nn.Tanh()", "nn.Hardswish()", $"nn.PReLU({Pick(1, 1, _channels)})"));

    private string ReusePool() => _poolNames.Count > 0 ? _poolNames[_random.Next(_poolNames.Count)] : Activation();

    private string Flatten()
    {
        _flat = true;
        return Named(_random.NextDouble() < 0.85 ? "nn.Flatten()" : $"nn.Flatten({Pick("0", "2", "1, 2", "-2")})");
    }

    private string Linear()
    {
        var outFeatures = _random.Next(1, 9);
        return Named(_random.Next(5) switch
        {
            0 => $"nn.LazyLinear({outFeatures})",
            1 => $"nn.Linear({_random.Next(1, 300)}, {outFeatures})",
            _ => $"nn.Linear(out_features={outFeatures})",
        });
    }

    /// <summary>The in_channels argument: the tracked count, now and then a wrong one, or left out (empty, then inferred).</summary>
    private string InChannels(int n, string family)
    {
        var roll = _random.NextDouble();
        return roll < 0.05 ? (_channels + 1).ToString(CultureInfo.InvariantCulture)
            : roll < 0.2 ? string.Empty
            : _channels.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A layer whose in_channels was left out is written as the Lazy variant or with keywords.</summary>
    private string Lazy(List<string> args, string type)
    {
        if (args[0].Length > 0)
        {
            return type;
        }

        if (_random.NextDouble() < 0.5)
        {
            return "Lazy" + type;
        }

        args[1] = "out_channels=" + args[1];
        args[2] = "kernel_size=" + args[2];
        return type;
    }

    private string Named(string call)
    {
        _layerCount++;
        return _random.NextDouble() < 0.3 ? $"layer{_layerCount} = {call}" : call;
    }

    private string Tuple(int count, int low, int high) => "(" + string.Join(", ", Enumerable.Range(0, count).Select(_ => _random.Next(low, high))) + ")";

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];
}
