using ShapeSafe.Dataflow;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>The ONNX nodes for one call of a leaf layer (nn.Conv2d, nn.BatchNorm2d, ...), in eval mode, with its state_dict weights.</summary>
internal static class LayerMapper
{
    /// <summary>The layer types (PyTorch class names; Lazy variants map as their eager layer) the exporter maps.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "Linear",
        "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "GroupNorm", "LayerNorm",
        "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d",
        "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d",
        "ReLU", "ReLU6", "LeakyReLU", "ELU", "CELU", "SELU", "GELU", "SiLU", "Mish", "Sigmoid", "Tanh", "Hardtanh", "Hardswish",
        "Hardsigmoid", "Softplus", "Softsign", "Tanhshrink", "PReLU", "Softmax", "LogSoftmax", "Softmin",
        "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout", "Identity", "Flatten", "Unflatten",
        "ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d",
        "ReflectionPad3d", "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d",
    ];

    public static string Map(OnnxGraphBuilder b, Node node, ModuleInfo m, Node inputNode, string x)
    {
        var type = m.Entry!.Rule.Type;
        var a = new LayerArgReader(m, node);
        var input = CommonOps.ShapeOf(inputNode, node);
        var output = CommonOps.ShapeOf(node, node);
        var prefix = m.QualifiedName.Length == 0 ? string.Empty : m.QualifiedName + ".";
        string W(string name) => b.Weight(prefix + name).Name;
        int Rank(string t) => t[^2] - '0';

        switch (type)
        {
            case "Conv1d" or "Conv2d" or "Conv3d":
                return Conv(b, a, x, W, Rank(type), bias: a.Bool("bias", true));
            case "ConvTranspose1d" or "ConvTranspose2d" or "ConvTranspose3d":
                return ConvTranspose(b, a, x, W, Rank(type));
            case "Linear":
            {
                var hasBias = a.Bool("bias", true);
                if (input.Rank == 2)
                {
                    return hasBias ? b.Op("Gemm", [x, W("weight"), W("bias")], Int("transB", 1)) : b.Op("Gemm", [x, W("weight")], Int("transB", 1));
                }

                var product = b.Op("MatMul", [x, b.Op("Transpose", [W("weight")], Ints("perm", [1, 0]))]);
                return hasBias ? b.Op("Add", [product, W("bias")]) : product;
            }

            case "BatchNorm1d" or "BatchNorm2d" or "BatchNorm3d":
            {
                if (!a.Bool("track_running_stats", true))
                {
                    throw new UnmappableException(node, "BatchNorm with track_running_stats=False normalizes with the batch's own statistics in eval mode");
                }

                var c = input[1].Value;
                var affine = a.Bool("affine", true);
                return b.Op("BatchNormalization", [x, affine ? W("weight") : b.Filled(c, 1), affine ? W("bias") : b.Filled(c, 0), W("running_mean"), W("running_var")],
                    Float("epsilon", a.Double("eps", 1e-5)));
            }

            case "InstanceNorm1d" or "InstanceNorm2d" or "InstanceNorm3d":
            {
                if (a.Bool("track_running_stats", false))
                {
                    throw new UnmappableException(node, "InstanceNorm with track_running_stats=True normalizes with running statistics in eval mode");
                }

                if (input.Rank != Rank(type) + 2)
                {
                    throw new UnmappableException(node, $"InstanceNorm on an unbatched input {input}");
                }

                var c = input[1].Value;
                var affine = a.Bool("affine", false);
                return b.Op("InstanceNormalization", [x, affine ? W("weight") : b.Filled(c, 1), affine ? W("bias") : b.Filled(c, 0)], Float("epsilon", a.Double("eps", 1e-5)));
            }

            case "GroupNorm":
            {
                var groups = a.Long("num_groups");
                var c = a.Long("num_channels");
                var grouped = b.Op("Reshape", [x, b.Longs(0, groups, -1)]);
                var normed = b.Op("InstanceNormalization", [grouped, b.Filled(groups, 1), b.Filled(groups, 0)], Float("epsilon", a.Double("eps", 1e-5)));
                var back = b.Op("Reshape", [normed, b.Op("Shape", [x])]);
                if (!a.Bool("affine", true))
                {
                    return back;
                }

                return b.Op("Add", [b.Op("Mul", [back, b.PerChannel(W("weight"), c, input.Rank)]), b.PerChannel(W("bias"), c, input.Rank)]);
            }

            case "LayerNorm":
            {
                var normalized = a.Ints("normalized_shape");
                var count = normalized.Aggregate(1L, (p, v) => p * v);
                var affine = a.Bool("elementwise_affine", true);
                var hasBias = affine && a.Bool("bias", true) && b.HasWeight(prefix + "bias");
                var scale = affine ? W("weight") : b.Floats(normalized, Enumerable.Repeat(1f, (int)count).ToArray());
                var shift = hasBias ? W("bias") : b.Floats(normalized, new float[count]);
                return b.Op("LayerNormalization", [x, scale, shift], Int("axis", -normalized.Length), Float("epsilon", a.Double("eps", 1e-5)));
            }

            case "MaxPool1d" or "MaxPool2d" or "MaxPool3d" or "AvgPool1d" or "AvgPool2d" or "AvgPool3d":
            {
                var n = Rank(type);
                var max = type.StartsWith("Max", StringComparison.Ordinal);
                if (max && a.Bool("return_indices", false))
                {
                    throw new UnmappableException(node, "MaxPool with return_indices=True");
                }

                if (!max && !a.IsNone("divisor_override"))
                {
                    throw new UnmappableException(node, "AvgPool with divisor_override");
                }

                var k = a.Tuple("kernel_size", n);
                var s = a.IsNone("stride") ? k : a.Tuple("stride", n);
                return CommonOps.Pool(b, x, max, k, s, a.Tuple("padding", n), max ? a.Tuple("dilation", n) : null, a.Bool("ceil_mode", false),
                    a.Bool("count_include_pad", true), input, output);
            }

            case "AdaptiveAvgPool1d" or "AdaptiveAvgPool2d" or "AdaptiveAvgPool3d" or "AdaptiveMaxPool1d" or "AdaptiveMaxPool2d" or "AdaptiveMaxPool3d":
            {
                var max = type.Contains("Max", StringComparison.Ordinal);
                if (max && a.Bool("return_indices", false))
                {
                    throw new UnmappableException(node, "AdaptiveMaxPool with return_indices=True");
                }

                return CommonOps.Adaptive(b, x, max, a.OptionalTuple("output_size", Rank(type)), input);
            }

            case "ReLU":
                return b.Op("Relu", [x]);
            case "ReLU6":
                return CommonOps.Clip(b, x, 0, 6);
            case "LeakyReLU":
                return b.Op("LeakyRelu", [x], Float("alpha", a.Double("negative_slope", 0.01)));
            case "ELU":
                return b.Op("Elu", [x], Float("alpha", a.Double("alpha", 1.0)));
            case "CELU":
                return b.Op("Celu", [x], Float("alpha", a.Double("alpha", 1.0)));
            case "SELU":
                return b.Op("Selu", [x], Float("alpha", 1.6732632423543772848170429916717), Float("gamma", 1.0507009873554804934193349852946));
            case "GELU":
                return CommonOps.Gelu(b, x, a.String("approximate") ?? "none");
            case "SiLU":
                return b.Op("Mul", [x, b.Op("Sigmoid", [x])]);
            case "Mish":
                return b.Op("Mul", [x, b.Op("Tanh", [b.Op("Softplus", [x])])]);
            case "Sigmoid":
                return b.Op("Sigmoid", [x]);
            case "Tanh":
                return b.Op("Tanh", [x]);
            case "Hardtanh":
                return CommonOps.Clip(b, x, a.Double("min_val", -1.0), a.Double("max_val", 1.0));
            case "Hardswish":
                return b.Op("HardSwish", [x]);
            case "Hardsigmoid":
                return b.Op("HardSigmoid", [x], Float("alpha", 1.0 / 6), Float("beta", 0.5));
            case "Softplus":
                return CommonOps.Softplus(b, x, a.Double("beta", 1.0));
            case "Softsign":
                return b.Op("Softsign", [x]);
            case "Tanhshrink":
                return b.Op("Sub", [x, b.Op("Tanh", [x])]);
            case "PReLU":
            {
                var (slope, shape) = b.Weight(prefix + "weight");
                var count = shape.Length == 0 ? 1 : shape[0];
                return b.Op("PRelu", [x, count > 1 && input.Rank > 2 ? b.PerChannel(slope, count, input.Rank) : slope]);
            }

            case "Softmax" or "LogSoftmax" or "Softmin":
            {
                if (a.IsNone("dim"))
                {
                    throw new UnmappableException(node, $"{type} without dim (PyTorch's deprecated implicit dimension)");
                }

                var dim = a.Long("dim");
                return type switch
                {
                    "Softmax" => CommonOps.Softmax(b, "Softmax", x, dim),
                    "LogSoftmax" => CommonOps.Softmax(b, "LogSoftmax", x, dim),
                    _ => CommonOps.Softmax(b, "Softmax", b.Op("Neg", [x]), dim),
                };
            }

            case "Dropout" or "Dropout1d" or "Dropout2d" or "Dropout3d" or "AlphaDropout" or "Identity":
                return b.Op("Identity", [x]);
            case "Flatten":
            {
                var start = a.IsNone("start_dim") ? 1 : a.Long("start_dim");
                var end = a.IsNone("end_dim") ? -1 : a.Long("end_dim");
                if (start == 1 && (end == -1 || end == input.Rank - 1))
                {
                    return b.Op("Flatten", [x], Int("axis", 1));
                }

                return b.Op("Reshape", [x, b.ReshapeTarget(output)]);
            }

            case "Unflatten":
                return b.Op("Reshape", [x, b.ReshapeTarget(output)]);
            case "ZeroPad1d" or "ZeroPad2d" or "ZeroPad3d" or "ConstantPad1d" or "ConstantPad2d" or "ConstantPad3d"
                or "ReflectionPad1d" or "ReflectionPad2d" or "ReflectionPad3d" or "ReplicationPad1d" or "ReplicationPad2d" or "ReplicationPad3d":
            {
                var n = Rank(type);
                var written = a.Ints("padding");
                var torchPads = written.Length == 1 ? Enumerable.Repeat(written[0], 2 * n).ToArray() : written;
                var mode = type.StartsWith("Reflection", StringComparison.Ordinal) ? "reflect" : type.StartsWith("Replication", StringComparison.Ordinal) ? "edge" : "constant";
                var value = type.StartsWith("Constant", StringComparison.Ordinal) ? a.Double("value", 0) : 0;
                return Pad(b, x, torchPads, input.Rank, mode, value);
            }

            case "Upsample" or "UpsamplingNearest2d" or "UpsamplingBilinear2d":
            {
                var mode = type == "UpsamplingBilinear2d" ? "bilinear" : type == "UpsamplingNearest2d" ? "nearest" : a.String("mode") ?? "nearest";
                bool? align = type == "UpsamplingBilinear2d" ? true : a.Bool("align_corners", false);
                var size = a.IsNone("size") ? null : a.Ints("size");
                return CommonOps.Resize(b, x, mode, align, size, size is null ? a.Doubles("scale_factor") : null, input.Rank);
            }

            default:
                throw new UnmappableException(node, $"the layer {m.Type} has no ONNX mapping in ShapeSafe");
        }
    }

    /// <summary>ONNX Pad from PyTorch's F.pad order (last dimension first, begin then end).</summary>
    public static string Pad(OnnxGraphBuilder b, string x, long[] torchPads, int rank, string mode, double value)
    {
        var pads = new long[2 * rank];
        for (var i = 0; i < torchPads.Length / 2; i++)
        {
            var dim = rank - 1 - i;
            pads[dim] = torchPads[2 * i];
            pads[rank + dim] = torchPads[(2 * i) + 1];
        }

        return mode == "constant"
            ? b.Op("Pad", [x, b.Longs(pads), b.Scalar(value)], Str("mode", "constant"))
            : b.Op("Pad", [x, b.Longs(pads)], Str("mode", mode));
    }

    private static string Conv(OnnxGraphBuilder b, LayerArgReader a, string x, Func<string, string> w, int n, bool bias)
    {
        var k = a.Tuple("kernel_size", n);
        var s = a.Tuple("stride", n);
        var d = a.Tuple("dilation", n);
        long[] begin;
        long[] end;
        if (a.String("padding") is { } text)
        {
            begin = new long[n];
            end = new long[n];
            if (text == "same")
            {
                for (var i = 0; i < n; i++)
                {
                    var total = d[i] * (k[i] - 1);
                    begin[i] = total / 2;
                    end[i] = total - begin[i];
                }
            }
        }
        else
        {
            begin = a.Tuple("padding", n);
            end = begin;
        }

        var mode = a.String("padding_mode") ?? "zeros";
        var input = x;
        long[] pads = [.. begin, .. end];
        if (mode != "zeros" && pads.Any(p => p != 0))
        {
            var onnxMode = mode switch
            {
                "reflect" => "reflect",
                "replicate" => "edge",
                _ => throw new UnmappableException(a.Node, $"padding_mode='{mode}' (ONNX's Pad has no circular mode at opset 17)"),
            };
            var full = new long[2 * (n + 2)];
            for (var i = 0; i < n; i++)
            {
                full[2 + i] = begin[i];
                full[n + 2 + 2 + i] = end[i];
            }

            input = b.Op("Pad", [x, b.Longs(full)], Str("mode", onnxMode));
            pads = new long[2 * n];
        }

        var inputs = bias ? new[] { input, w("weight"), w("bias") } : [input, w("weight")];
        return b.Op("Conv", inputs, Ints("kernel_shape", k), Ints("strides", s), Ints("dilations", d), Ints("pads", pads), Int("group", a.Long("groups")));
    }

    private static string ConvTranspose(OnnxGraphBuilder b, LayerArgReader a, string x, Func<string, string> w, int n)
    {
        if ((a.String("padding_mode") ?? "zeros") != "zeros")
        {
            throw new UnmappableException(a.Node, "ConvTranspose with a padding_mode other than zeros");
        }

        var k = a.Tuple("kernel_size", n);
        var p = a.Tuple("padding", n);
        var inputs = a.Bool("bias", true) ? new[] { x, w("weight"), w("bias") } : [x, w("weight")];
        return b.Op("ConvTranspose", inputs, Ints("kernel_shape", k), Ints("strides", a.Tuple("stride", n)), Ints("dilations", a.Tuple("dilation", n)),
            Ints("pads", CommonOps.SymmetricPads(p)), Ints("output_padding", a.Tuple("output_padding", n)), Int("group", a.Long("groups")));
    }
}
