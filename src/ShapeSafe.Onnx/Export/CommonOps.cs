using ShapeSafe.Shapes;
using ShapeSafe.Dataflow;

namespace ShapeSafe.Onnx.Export;

/// <summary>The ONNX patterns that layers and functional calls share: convolution, pooling, resizing, activations.</summary>
internal static class CommonOps
{
    private static readonly double Sqrt2 = Math.Sqrt(2.0);

    /// <summary>The static shape of a node's tensor; the exporter refuses a node whose input shape the check did not follow.</summary>
    public static Shape ShapeOf(Node node, Node reading) =>
        node.Value is TensorValue t ? t.Shape : throw new UnmappableException(reading, $"the check did not follow the shape of its input ({node.Value})");

    /// <summary>ONNX's pads (all begins, then all ends) from PyTorch's symmetric per-dimension padding.</summary>
    public static long[] SymmetricPads(long[] pads) => [.. pads, .. pads];

    /// <summary>Max or average pooling with PyTorch's arguments; ceil_mode only where it changes the size.</summary>
    public static string Pool(OnnxGraphBuilder b, string x, bool max, long[] k, long[] s, long[] p, long[]? d, bool ceil, bool countIncludePad, Shape input, Shape output)
    {
        var n = k.Length;
        var useCeil = false;
        if (ceil)
        {
            for (var i = 0; i < n; i++)
            {
                var inDim = input[input.Rank - n + i];
                var outDim = output[output.Rank - n + i];
                if (!inDim.IsKnown || !outDim.IsKnown)
                {
                    useCeil = true;
                    break;
                }

                var dil = d?[i] ?? 1;
                var floor = ((inDim.Value + (2 * p[i]) - (dil * (k[i] - 1)) - 1) / s[i]) + 1;
                useCeil |= floor != outDim.Value;
            }
        }

        var attributes = new List<Proto.AttributeProto>
        {
            OnnxGraphBuilder.Ints("kernel_shape", k),
            OnnxGraphBuilder.Ints("strides", s),
            OnnxGraphBuilder.Ints("pads", SymmetricPads(p)),
            OnnxGraphBuilder.Int("ceil_mode", useCeil ? 1 : 0),
        };
        if (max)
        {
            if (d is not null && d.Any(v => v != 1))
            {
                attributes.Add(OnnxGraphBuilder.Ints("dilations", d));
            }
        }
        else
        {
            attributes.Add(OnnxGraphBuilder.Int("count_include_pad", countIncludePad ? 1 : 0));
        }

        return b.Op(max ? "MaxPool" : "AveragePool", [x], [.. attributes]);
    }

    /// <summary>
    /// Adaptive pooling as its exact fixed-window equivalent: output 1 is the global pool; where each input size is a
    /// multiple of the output size, the window and stride are the quotient. Other sizes have overlapping, uneven
    /// windows that no ONNX pool expresses.
    /// </summary>
    public static string Adaptive(OnnxGraphBuilder b, string x, bool max, long?[] outSize, Shape input)
    {
        var n = outSize.Length;
        var spatial = input.Slice(input.Rank - n, input.Rank);
        if (!spatial.IsFullyKnown)
        {
            throw new UnmappableException(b.Current, $"adaptive pooling of an input with spatial size {spatial} that is not fixed");
        }

        var inSizes = spatial.ToLongArray()!;
        var outs = outSize.Select((o, i) => o ?? inSizes[i]).ToArray();
        if (outs.All(o => o == 1))
        {
            return b.Op(max ? "GlobalMaxPool" : "GlobalAveragePool", [x]);
        }

        if (inSizes.Where((v, i) => v % outs[i] != 0).Any())
        {
            return UnevenAdaptive(b, x, max, inSizes, outs, input.Rank);
        }

        var k = inSizes.Select((v, i) => v / outs[i]).ToArray();
        if (k.All(v => v == 1))
        {
            return b.Op("Identity", [x]);
        }

        return Pool(b, x, max, k, k, new long[n], null, false, true, input, input);
    }

    /// <summary>
    /// Adaptive pooling with uneven windows, exactly as PyTorch computes them: output cell i of an axis pools
    /// [floor(i * in / out), ceil((i + 1) * in / out)). The windows of a cell form a box, and the mean (or max) over a
    /// box is the mean (or max) along one axis after the other, so each axis is a Slice + ReduceMean/ReduceMax per
    /// output index and a Concat.
    /// </summary>
    private static string UnevenAdaptive(OnnxGraphBuilder b, string x, bool max, long[] inSizes, long[] outs, int rank)
    {
        var n = inSizes.Length;
        var current = x;
        for (var d = 0; d < n; d++)
        {
            if (inSizes[d] == outs[d])
            {
                continue;
            }

            var axis = rank - n + d;
            var cells = new List<string>();
            for (var i = 0L; i < outs[d]; i++)
            {
                var start = i * inSizes[d] / outs[d];
                var end = (((i + 1) * inSizes[d]) + outs[d] - 1) / outs[d];
                var window = b.Op("Slice", [current, b.Longs(start), b.Longs(end), b.Longs(axis)]);
                cells.Add(b.Op(max ? "ReduceMax" : "ReduceMean", [window], OnnxGraphBuilder.Ints("axes", [axis]), OnnxGraphBuilder.Int("keepdims", 1)));
            }

            current = cells.Count == 1 ? cells[0] : b.Op("Concat", cells, OnnxGraphBuilder.Int("axis", axis));
        }

        return current;
    }

    /// <summary>
    /// Resize as torch.nn.functional.interpolate does it: scales when a scale factor is given (PyTorch then uses it
    /// for the coordinates too), output sizes otherwise (the batch and channel sizes read from the input at run time).
    /// </summary>
    public static string Resize(OnnxGraphBuilder b, string x, string mode, bool? alignCorners, long[]? size, double[]? scale, int rank)
    {
        var n = rank - 2;
        var (onnxMode, transform) = mode switch
        {
            "nearest" => ("nearest", "asymmetric"),
            "linear" or "bilinear" or "trilinear" => ("linear", alignCorners == true ? "align_corners" : "pytorch_half_pixel"),
            "bicubic" => ("cubic", alignCorners == true ? "align_corners" : "pytorch_half_pixel"),
            _ => throw new UnmappableException(b.Current, $"interpolation mode '{mode}'"),
        };
        var attributes = new List<Proto.AttributeProto>
        {
            OnnxGraphBuilder.Str("mode", onnxMode),
            OnnxGraphBuilder.Str("coordinate_transformation_mode", transform),
        };
        if (onnxMode == "nearest")
        {
            attributes.Add(OnnxGraphBuilder.Str("nearest_mode", "floor"));
        }

        if (onnxMode == "cubic")
        {
            attributes.Add(OnnxGraphBuilder.Float("cubic_coeff_a", -0.75));
        }

        if (scale is not null)
        {
            var scales = scale.Length == 1 ? Enumerable.Repeat(scale[0], n).ToArray() : scale;
            var all = new float[rank];
            all[0] = 1;
            all[1] = 1;
            for (var i = 0; i < n; i++)
            {
                all[i + 2] = (float)scales[i];
            }

            return b.Op("Resize", [x, string.Empty, b.Floats([rank], all)], [.. attributes]);
        }

        if (size is null)
        {
            throw new UnmappableException(b.Current, "interpolation with neither size nor scale_factor");
        }

        var sizes = size.Length == 1 ? Enumerable.Repeat(size[0], n).ToArray() : size;
        var shape = b.Op("Shape", [x], OnnxGraphBuilder.Int("start", 0), OnnxGraphBuilder.Int("end", 2));
        var target = b.Op("Concat", [shape, b.Longs(sizes)], OnnxGraphBuilder.Int("axis", 0));
        return b.Op("Resize", [x, string.Empty, string.Empty, target], [.. attributes]);
    }

    public static string Gelu(OnnxGraphBuilder b, string x, string approximate)
    {
        if (approximate == "tanh")
        {
            // 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))
            var cube = b.Op("Mul", [b.Op("Mul", [x, x]), x]);
            var inner = b.Op("Add", [x, b.Op("Mul", [cube, b.Scalar(0.044715)])]);
            var t = b.Op("Tanh", [b.Op("Mul", [inner, b.Scalar(Math.Sqrt(2.0 / Math.PI))])]);
            return b.Op("Mul", [b.Op("Mul", [x, b.Scalar(0.5)]), b.Op("Add", [t, b.Scalar(1.0)])]);
        }

        var erf = b.Op("Erf", [b.Op("Div", [x, b.Scalar(Sqrt2)])]);
        return b.Op("Mul", [b.Op("Mul", [x, b.Scalar(0.5)]), b.Op("Add", [erf, b.Scalar(1.0)])]);
    }

    public static string Softplus(OnnxGraphBuilder b, string x, double beta)
    {
        if (beta == 1.0)
        {
            return b.Op("Softplus", [x]);
        }

        var scaled = b.Op("Mul", [x, b.Scalar(beta)]);
        return b.Op("Div", [b.Op("Softplus", [scaled]), b.Scalar(beta)]);
    }

    public static string Clip(OnnxGraphBuilder b, string x, double? min, double? max) =>
        b.Op("Clip", [x, min is { } lo ? b.Scalar(lo) : string.Empty, max is { } hi ? b.Scalar(hi) : string.Empty]);

    /// <summary>Softmax-family along <paramref name="dim"/> (opset 13+ normalizes along one axis, as PyTorch does).</summary>
    public static string Softmax(OnnxGraphBuilder b, string opType, string x, long dim) => b.Op(opType, [x], OnnxGraphBuilder.Int("axis", dim));
}
