using ShapeSafe.Shapes;
using ShapeSafe.Dataflow;
using ShapeSafe.Onnx.Proto;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// The ONNX nodes for one functional call, tensor method or operator of a Python forward (torch.cat, x.view, a + b,
/// F.relu), in eval mode. Shapes that the op's arguments compute from sizes are read from the checked result shape,
/// with the batch kept dynamic.
/// </summary>
internal sealed class OpMapper(OnnxGraphBuilder b, Func<NodeArg, object?> resolve)
{
    private const string Fn = "torch.nn.functional.";

    /// <summary>
    /// Unary element-wise ops: torch name → ONNX op, each mapped as torch.X, torch.nn.functional.X and Tensor.X (an
    /// int64 input is cast to float first unless the name is in <see cref="IntegerUnary"/>). Adding one is one row.
    /// </summary>
    private static readonly Dictionary<string, string> Unary = new(StringComparer.Ordinal)
    {
        ["relu"] = "Relu", ["sigmoid"] = "Sigmoid", ["tanh"] = "Tanh", ["exp"] = "Exp", ["log"] = "Log", ["sqrt"] = "Sqrt", ["abs"] = "Abs",
        ["neg"] = "Neg", ["hardswish"] = "HardSwish",
    };

    private static readonly HashSet<string> Identities = new(StringComparer.Ordinal)
    {
        "method:contiguous", "method:clone", "method:detach", "operator:pos",
        "function:" + Fn + "dropout", "function:" + Fn + "dropout2d", "function:torch.dropout",
    };

    /// <summary>The ops that only move, select or join values: a bool mask in is a bool mask out.</summary>
    private static readonly HashSet<string> Rearranging = new(StringComparer.Ordinal)
    {
        "contiguous", "clone", "detach", "view", "reshape", "view_as", "reshape_as", "expand", "expand_as", "flatten", "permute", "transpose", "t",
        "T", "mT", "squeeze", "unsqueeze", "cat", "concat", "concatenate", "stack", "split", "chunk", "unbind", "getitem", "[]", "__getitem__", "repeat",
        "getattr",
    };

    /// <summary>
    /// The reductions over dims (an int, a tuple, or all) with keepdim, by torch name: one row each. ReduceSum takes its
    /// axes as an input (opset 13+), the others as an attribute (until opset 18).
    /// </summary>
    private static readonly Dictionary<string, string> Reductions = new(StringComparer.Ordinal)
    {
        ["mean"] = "ReduceMean", ["sum"] = "ReduceSum", ["amax"] = "ReduceMax", ["amin"] = "ReduceMin",
    };

    /// <summary>The unary ops that keep an int64 tensor int64 in PyTorch (the others compute in float).</summary>
    private static readonly HashSet<string> IntegerUnary = new(StringComparer.Ordinal) { "abs", "neg" };

    private static readonly HashSet<string> SizeOnly = new(StringComparer.Ordinal)
    {
        "method:size", "method:shape", "method:dim", "method:ndimension", "method:numel", "function:torch.numel", "function:len",
    };

    /// <summary>
    /// The targets (as <c>kind:target</c>) the exporter maps, besides the layers: for the docs and for a clear refusal of
    /// the rest.
    /// </summary>
    public static IReadOnlyList<string> Targets { get; } = BuildTargets();

    private Node _node = null!;

    /// <summary>The ONNX value(s) for the call; several for split/chunk/max-with-dim (one per item), indexed by the node's item.</summary>
    public string[] Map(Node node)
    {
        var outputs = MapNode(node);
        if (!Rearranging.Contains(Short(node.Target)))
        {
            return outputs;
        }

        var tensors = node.Args.Concat(node.Kwargs.Select(k => k.Value)).Select(resolve).SelectMany(v => v is IReadOnlyList<object?> list ? list : [v]).OfType<TensorRef>().ToList();
        if (tensors.Count > 0 && tensors.All(t => b.IsInteger(t.Name)))
        {
            // An int64 tensor reshaped, indexed or joined stays int64.
            foreach (var output in outputs)
            {
                b.MarkInteger(output);
            }
        }

        if (tensors.Count > 0 && tensors.All(t => b.IsBoolMask(t.Name)))
        {
            // A bool mask reshaped, indexed or joined is still a bool mask (key_padding_mask=(x > 0)[:, :, 0]).
            foreach (var output in outputs)
            {
                b.MarkBoolMask(output);
            }
        }

        return outputs;
    }

    private string[] MapNode(Node node)
    {
        _node = node;
        var key = Key(node);
        if (Identities.Contains(key))
        {
            return [b.Op("Identity", [Tensor(0, "input")])];
        }

        if (ElementwiseMapper.Owns(key))
        {
            return new ElementwiseMapper(b, resolve).Map(node, key);
        }

        if (key == "method:float")
        {
            // An int64 tensor is cast; a float one (or a bool mask, float 0/1 already) passes through.
            var input = Tensor(0, "input");
            return [b.IsInteger(input) ? b.AsFloat(input) : b.Op("Identity", [input])];
        }

        if (ArithmeticOps.Targets.TryGetValue(key, out var arithmetic))
        {
            var alpha = arithmetic is "add" or "sub" ? Get(2, "alpha") : null;
            var rounding = arithmetic == "truediv" ? Get(-1, "rounding_mode") as string : null;
            return [ArithmeticOps.Map(b, arithmetic, Get(0, "input"), Get(1, "other"), alpha, rounding, Refuse)];
        }

        if (key is "operator:invert" or "operator:~")
        {
            return [ArithmeticOps.Invert(b, Get(0, "input"), Refuse)];
        }

        var name = Short(node.Target);
        if (Unary.TryGetValue(name, out var unary) && (node.Kind == NodeKind.CallMethod || node.Target.StartsWith("torch.", StringComparison.Ordinal) || node.Target == "neg"))
        {
            var input = Tensor(0, "input");
            return [b.IsInteger(input) && IntegerUnary.Contains(name) ? b.MarkInteger(b.Op(unary, [input])) : b.Op(unary, [b.AsFloat(input)])];
        }

        var output = node.Value is TensorValue tv ? tv.Shape : null;
        switch (name)
        {
            case "rsqrt":
                return [b.Op("Reciprocal", [b.Op("Sqrt", [b.AsFloat(Tensor(0, "input"))])])];
            case "relu6":
                return [CommonOps.Clip(b, Tensor(0, "input"), 0, 6)];
            case "gelu":
                return [CommonOps.Gelu(b, Tensor(0, "input"), String(1, "approximate") ?? "none")];
            case "silu":
            {
                var x = Tensor(0, "input");
                return [b.Op("Mul", [x, b.Op("Sigmoid", [x])])];
            }

            case "hardsigmoid":
                return [b.Op("HardSigmoid", [Tensor(0, "input")], Float("alpha", 1.0 / 6), Float("beta", 0.5))];
            case "elu":
                return [b.Op("Elu", [Tensor(0, "input")], Float("alpha", Double(1, "alpha", 1.0)))];
            case "leaky_relu":
                return [b.Op("LeakyRelu", [Tensor(0, "input")], Float("alpha", Double(1, "negative_slope", 0.01)))];
            case "softplus":
                return [CommonOps.Softplus(b, Tensor(0, "input"), Double(1, "beta", 1.0))];
            case "glu":
            {
                var x = Tensor(0, "input");
                var dim = Long(1, "dim", -1);
                var halves = b.OpMulti("Split", [x], 2, Int("axis", dim));
                return [b.Op("Mul", [halves[0], b.Op("Sigmoid", [halves[1]])])];
            }

            case "clamp":
                return [CommonOps.Clip(b, Tensor(0, "input"), OptionalDouble(1, "min"), OptionalDouble(2, "max"))];
            case "softmax":
                return [CommonOps.Softmax(b, "Softmax", Tensor(0, "input"), Long(1, "dim"))];
            case "log_softmax":
                return [CommonOps.Softmax(b, "LogSoftmax", Tensor(0, "input"), Long(1, "dim"))];
            case "max_pool1d" or "max_pool2d" or "avg_pool1d" or "avg_pool2d":
                return [Pool(name.StartsWith("max", StringComparison.Ordinal), name[^2] - '0')];
            case "adaptive_avg_pool1d" or "adaptive_avg_pool2d" or "adaptive_max_pool1d" or "adaptive_max_pool2d":
            {
                var n = name[^2] - '0';
                var sizes = Get(1, "output_size") switch
                {
                    long l => Enumerable.Repeat((long?)l, n).ToArray(),
                    IReadOnlyList<object?> list => list.Select(v => v is long l ? l : (long?)null).ToArray(),
                    var v => throw Refuse($"output_size {v}"),
                };
                return [CommonOps.Adaptive(b, Tensor(0, "input"), name.Contains("max", StringComparison.Ordinal), sizes, InputShape(0, "input"))];
            }

            case "view" or "reshape" or "view_as" or "reshape_as" or "expand" or "expand_as":
            {
                if (name.StartsWith("expand", StringComparison.Ordinal))
                {
                    var expanded = InputShape(0, "input");
                    if (output!.Rank > 0 && b.IsBatch(output[0]) && (expanded.Rank < output.Rank || !b.IsBatch(expanded[0])))
                    {
                        // A parameter expanded to the batch (cls_token.expand(B, -1, -1)): the batch comes from the
                        // model's input at run time, not the checked size.
                        var rest = DynamicShape(output);
                        var batch = b.Op("Slice", [b.Op("Shape", [OnnxExporter.InputName]), b.Longs(0), b.Longs(1)]);
                        var tail = b.Op("Slice", [rest, b.Longs(1), b.Longs(output.Rank)]);
                        return [b.Op("Expand", [Tensor(0, "input"), b.Op("Concat", [batch, tail], Int("axis", 0))])];
                    }

                    return [b.Op("Expand", [Tensor(0, "input"), DynamicShape(output)])];
                }

                var source = InputShape(0, "input");
                if (!b.Batch.IsSymbolic && !b.IsBatch(output![0]) && source.Rank > 0 && !b.IsBatch(source[0]) && Enumerable.Range(1, source.Rank - 1).Any(i => b.IsBatch(source[i])))
                {
                    // The batch moved off the first dimension (a sequence model's [T, N, H]) and was checked as a
                    // number: a view that merges it would bake that size into the Reshape. A symbolic batch (as
                    // export --to onnx checks) is kept dynamic by ReshapeTarget.
                    throw Refuse($"a view of {source} to {output} merges the batch dimension checked as a number; check with a symbolic batch (N) to keep it dynamic");
                }

                return [b.Op("Reshape", [Tensor(0, "input"), b.ReshapeTarget(output!)])];
            }

            case "flatten":
            {
                var rank = InputShape(0, "input").Rank;
                var start = Normalize(Long(1, "start_dim", node.Kind == NodeKind.CallMethod || node.Target == "torch.flatten" ? 0 : 1), rank);
                var end = Normalize(Long(2, "end_dim", -1), rank);
                return start == 1 && end == rank - 1
                    ? [b.Op("Flatten", [Tensor(0, "input")], Int("axis", 1))]
                    : [b.Op("Reshape", [Tensor(0, "input"), b.ReshapeTarget(output!)])];
            }

            case "permute":
            {
                var rank = InputShape(0, "input").Rank;
                var dims = Longs(1, "dims", varargs: node.Kind == NodeKind.CallMethod).Select(d => Normalize(d, rank));
                return [b.Op("Transpose", [Tensor(0, "input")], Ints("perm", dims))];
            }

            case "transpose" or "t" or "mT" or "T":
            {
                var rank = InputShape(0, "input").Rank;
                var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
                if (name == "T")
                {
                    Array.Reverse(perm);
                }
                else
                {
                    var (d0, d1) = name == "transpose" ? (Normalize(Long(1, "dim0"), rank), Normalize(Long(2, "dim1"), rank)) : (rank - 2L, rank - 1L);
                    (perm[d0], perm[d1]) = (perm[d1], perm[d0]);
                }

                return [b.Op("Transpose", [Tensor(0, "input")], Ints("perm", perm))];
            }

            case "squeeze":
            {
                var shape = InputShape(0, "input");
                long[] axes = Get(1, "dim") is { } d
                    ? [Normalize(AsLong(d, "dim"), shape.Rank)]
                    : [.. Enumerable.Range(0, shape.Rank).Where(i => shape[i].IsKnown && shape[i].Value == 1 && !(i == 0 && b.IsBatch(shape[i]))).Select(i => (long)i)];
                if (axes.Any(a => !shape[(int)a].IsKnown || shape[(int)a].Value != 1))
                {
                    return [b.Op("Identity", [Tensor(0, "input")])];
                }

                return [axes.Length == 0 ? b.Op("Identity", [Tensor(0, "input")]) : b.Op("Squeeze", [Tensor(0, "input"), b.Longs(axes)])];
            }

            case "unsqueeze":
                return [b.Op("Unsqueeze", [Tensor(0, "input"), b.Longs(Long(1, "dim"))])];
            case "cat" or "concat" or "concatenate":
                return [b.Op("Concat", Joined(TensorList(0, "tensors")), Int("axis", Long(1, "dim", 0)))];
            case "stack":
            {
                var dim = Long(1, "dim", 0);
                var pieces = Joined(TensorList(0, "tensors")).Select(t => b.Op("Unsqueeze", [t, b.Longs(dim)]));
                return [b.Op("Concat", [.. pieces], Int("axis", dim))];
            }

            case "split" or "chunk" or "unbind":
                return Split(name);
            case var r when Reductions.ContainsKey(r):
                return [Reduce(name)];
            case "std" or "var":
                return [Deviation(name == "std")];
            case "max" or "min" when Get(1, "dim") is { } second:
            {
                if (second is TensorRef)
                {
                    return [Elementwise(name == "max" ? "Max" : "Min", Get(0, "input"), second)];
                }

                var dim = AsLong(second, "dim");
                var keep = Bool(2, "keepdim", false) ? 1 : 0;
                var values = b.Op(name == "max" ? "ReduceMax" : "ReduceMin", [Tensor(0, "input")], Ints("axes", [dim]), Int("keepdims", keep));
                var indexes = b.MarkInteger(b.Op(name == "max" ? "ArgMax" : "ArgMin", [Tensor(0, "input")], Int("axis", dim), Int("keepdims", keep)));
                return [b.IsInteger(Tensor(0, "input")) ? b.MarkInteger(values) : values, indexes];
            }

            case "gt" or "lt" or "ge" or "le" or "eq" or "ne" when node.Kind is NodeKind.Operator or NodeKind.CallMethod || node.Target == "torch." + name:
            {
                // A comparison is float 0/1 (PyTorch's bool promoted by arithmetic) and remembered as a bool mask, so
                // that MultiheadAttention reads it as PyTorch reads a bool mask (-inf where True).
                var op = name switch { "gt" => "Greater", "lt" => "Less", "ge" => "GreaterOrEqual", "le" => "LessOrEqual", _ => "Equal" };
                var (left, right, _) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, "other"), Refuse);
                var compared = b.Op(op, [left, right]);
                if (name == "ne")
                {
                    compared = b.Op("Not", [compared]);
                }

                return [b.MarkBoolMask(b.Op("Cast", [compared], Int("to", 1)))];
            }

            case "maximum" or "minimum":
                return [Elementwise(name == "maximum" ? "Max" : "Min", Get(0, "input"), Get(1, "other"))];
            case "argmax":
            {
                var dim = OptionalLong(1, "dim") ?? throw Refuse("argmax over the flattened tensor");
                return [b.MarkInteger(b.Op("ArgMax", [Tensor(0, "input")], Int("axis", dim), Int("keepdims", Bool(2, "keepdim", false) ? 1 : 0)))];
            }

            case "matmul" or "imatmul" or "mm" or "bmm":
                return [b.Op("MatMul", [Tensor(0, "input"), Tensor(1, "other")])];
            case "linear" when node.Target == Fn + "linear":
            {
                var product = b.Op("MatMul", [Tensor(0, "input"), b.Op("Transpose", [Tensor(1, "weight")], Ints("perm", [1, 0]))]);
                return [Get(2, "bias") is TensorRef bias ? b.Op("Add", [product, bias.Name]) : product];
            }

            case "conv1d" or "conv2d" or "conv3d" when node.Kind == NodeKind.CallFunction:
                return [FunctionalConv(name[^2] - '0')];
            case "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" when node.Kind == NodeKind.CallFunction:
                return [FunctionalConvTranspose(name[^2] - '0')];
            case "batch_norm" when node.Kind == NodeKind.CallFunction:
                return [FunctionalBatchNorm()];
            case "layer_norm" when node.Kind == NodeKind.CallFunction:
            {
                var normalized = Longs(1, "normalized_shape", varargs: false);
                var count = normalized.Aggregate(1L, (p, v) => p * v);
                var scale = Get(2, "weight") switch
                {
                    TensorRef w => w.Name,
                    null => b.Floats(normalized, Enumerable.Repeat(1f, checked((int)count)).ToArray()),
                    var v => throw Refuse($"weight {v} that is not a tensor"),
                };
                var shift = Get(3, "bias") switch
                {
                    TensorRef w => w.Name,
                    null => b.Floats(normalized, new float[count]),
                    var v => throw Refuse($"bias {v} that is not a tensor"),
                };
                return [b.Op("LayerNormalization", [Tensor(0, "input"), scale, shift], Int("axis", -normalized.Length), Float("epsilon", Double(4, "eps", 1e-5)))];
            }

            case "embedding" when node.Target == Fn + "embedding":
            {
                if (Get(3, "max_norm") is not null)
                {
                    throw Refuse("F.embedding with max_norm renormalizes its weight rows in place on every call");
                }

                // padding_idx only changes the gradient: in eval mode the lookup is a Gather of the weight's rows.
                return [b.Op("Gather", [Tensor(1, "weight"), Tensor(0, "input")], Int("axis", 0))];
            }

            case "interpolate" or "upsample":
            {
                var rank = InputShape(0, "input").Rank;
                var size = Get(1, "size") switch
                {
                    null => null,
                    long l => new[] { l },
                    IReadOnlyList<object?> list => list.Select(v => AsLong(v, "size")).ToArray(),
                    var v => throw Refuse($"size {v}"),
                };
                var scale = size is not null ? null : Get(2, "scale_factor") switch
                {
                    null => null,
                    long l => new double[] { l },
                    double d => [d],
                    IReadOnlyList<object?> list => list.Select(v => AsDouble(v, "scale_factor")).ToArray(),
                    var v => throw Refuse($"scale_factor {v}"),
                };
                bool? align = Get(4, "align_corners") is bool a ? a : null;
                return [CommonOps.Resize(b, Tensor(0, "input"), String(3, "mode") ?? "nearest", align, size, scale, rank)];
            }

            case "pad" when node.Target == Fn + "pad":
            {
                var pads = Longs(1, "pad", varargs: false);
                var mode = String(2, "mode") ?? "constant";
                var onnxMode = mode switch
                {
                    "constant" => "constant",
                    "reflect" => "reflect",
                    "replicate" => "edge",
                    _ => throw Refuse($"padding mode '{mode}'"),
                };
                return [LayerMapper.Pad(b, Tensor(0, "input"), pads, InputShape(0, "input").Rank, onnxMode, OptionalDouble(3, "value") ?? 0)];
            }

            case "zeros" or "ones" or "full" when node.Kind == NodeKind.CallFunction && output is not null:
            {
                var fill = name == "zeros" ? 0 : name == "ones" ? 1 : Get(1, "fill_value") is bool f ? (f ? 1 : 0) : AsDouble(Get(1, "fill_value"), "fill_value");
                var made = output.IsFullyKnown
                    ? b.Floats(output.ToLongArray()!, Enumerable.Repeat((float)fill, checked((int)(output.KnownProduct(0) ?? 0))).ToArray())
                    // A size that is the batch (torch.zeros(1, x.size(0), 6), an initial state): the shape comes from the input at run time.
                    : b.Op("ConstantOfShape", [RuntimeShape(output)], FloatValue(fill));
                return [_node.Kwargs.Any(k => k.Key == "dtype" && resolve(k.Value)?.ToString() == "torch.bool") ? b.MarkBoolMask(made) : made];
            }

            case "zeros_like" or "ones_like" when node.Target == "torch." + name:
                return [FilledLike(name == "ones_like" ? 1 : 0)];
            case "arange" when node.Target == "torch.arange" && output is { Rank: 1 }:
                return [Arange(output)];
            case "getattr" when node.Kind == NodeKind.CallFunction:
            {
                var rank = InputShape(0, "obj").Rank;
                var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
                switch (String(1, "name"))
                {
                    case "T":
                        Array.Reverse(perm);
                        break;
                    case "mT" when rank >= 2:
                        (perm[^2], perm[^1]) = (perm[^1], perm[^2]);
                        break;
                    case var attribute:
                        throw Refuse($"the tensor attribute '{attribute}' gives no tensor the exporter maps");
                }

                return [b.Op("Transpose", [Tensor(0, "obj")], Ints("perm", perm))];
            }

            case "randn_like" or "rand_like" when node.Target == "torch." + name:
            {
                // Sampling in forward: ONNX's *Like ops draw a fresh tensor of the input's (dynamic) shape on every run.
                FloatDtypeOnly();
                var normal = name == "randn_like";
                return [b.Op(normal ? "RandomNormalLike" : "RandomUniformLike", [Tensor(0, "input")], [Int("dtype", 1), .. RandomRange(normal)])];
            }

            case "randn" or "rand" when node.Target == "torch." + name && output is not null:
            {
                FloatDtypeOnly();
                var normal = name == "randn";
                if (output.IsFullyKnown)
                {
                    return [b.Op(normal ? "RandomNormal" : "RandomUniform", [], [Int("dtype", 1), Ints("shape", output.ToLongArray()!), .. RandomRange(normal)])];
                }

                // A size that is the batch (torch.randn(x.size(0), 8)): the shape is built from the input's batch at run time.
                var zeros = b.Op("ConstantOfShape", [RuntimeShape(output)], FloatValue(0));
                return [b.Op(normal ? "RandomNormalLike" : "RandomUniformLike", [zeros], [Int("dtype", 1), .. RandomRange(normal)])];
            }

            case "eye" when node.Kind == NodeKind.CallFunction && output is { IsFullyKnown: true, Rank: 2 }:
            {
                var (rows, columns) = (output[0].Value, output[1].Value);
                var identity = new float[checked((int)(rows * columns))];
                for (var i = 0L; i < Math.Min(rows, columns); i++)
                {
                    identity[(i * columns) + i] = 1;
                }

                return [b.Floats([rows, columns], identity)];
            }

            case "repeat" when node.Kind == NodeKind.CallMethod:
                return [Repeat(output!)];
            case "getitem" or "[]" or "__getitem__":
                return [GetItem(output)];
            default:
                throw Refuse($"{Describe(node)} has no ONNX mapping in ShapeSafe");
        }
    }

    /// <summary>
    /// Tensor.repeat as Tile (after a Reshape that prepends the size-1 dimensions PyTorch adds when there are more
    /// repeats than dimensions). A size-1 dimension repeated to the batch (iden.repeat(batchsize, 1)) takes the batch
    /// from the model's input at run time.
    /// </summary>
    private string Repeat(Shape output)
    {
        var source = InputShape(0, "input");
        var x = Tensor(0, "input");
        var extra = output.Rank - source.Rank;
        // Every size is fixed except the batch as the first dimension of both (kept: repeat 1) or of the result only.
        var batchKept = extra == 0 && source.Rank > 0 && b.IsBatch(source[0]) && output.Rank > 0 && b.IsBatch(output[0]);
        if (extra < 0 || Enumerable.Range(0, source.Rank).Any(i => !source[i].IsKnown && !(i == 0 && batchKept))
            || Enumerable.Range(0, output.Rank).Any(i => !output[i].IsKnown && !(i == 0 && b.IsBatch(output[i]))))
        {
            throw Refuse($"repeat of {source} to {output}");
        }

        if (extra > 0)
        {
            x = b.Op("Reshape", [x, b.Longs([.. Enumerable.Repeat(1L, extra), .. source.ToLongArray()!])]);
        }

        var parts = new List<string>();
        for (var i = 0; i < output.Rank; i++)
        {
            if (i == 0 && batchKept)
            {
                parts.Add(b.Longs(1));
                continue;
            }

            var from = i < extra ? 1 : source[i - extra].Value;
            if (i == 0 && b.IsBatch(output[0]))
            {
                if (from != 1)
                {
                    throw Refuse($"repeat of {source} to {output}: a dimension of {from} repeated to the batch");
                }

                parts.Add(b.Op("Slice", [b.Op("Shape", [OnnxExporter.InputName]), b.Longs(0), b.Longs(1)]));
            }
            else
            {
                parts.Add(b.Longs(output[i].Value / from));
            }
        }

        return b.Op("Tile", [x, parts.Count == 1 ? parts[0] : b.Op("Concat", parts, Int("axis", 0))]);
    }

    /// <summary>True for a node that computes a size or a Python value, not a tensor: nothing to emit.</summary>
    public static bool IsSizeOnly(Node node) => SizeOnly.Contains(Key(node)) || node.Value is SizeValue or ConstantValue;

    private static string Key(Node node) =>
        (node.Kind switch { NodeKind.CallMethod => "method:", NodeKind.Operator => "operator:", _ => "function:" }) + node.Target;

    private static string Short(string target)
    {
        var dot = target.LastIndexOf('.');
        return dot >= 0 ? target[(dot + 1)..] : target;
    }

    private static string Describe(Node node) => node.Kind switch
    {
        NodeKind.CallMethod => "Tensor." + node.Target,
        NodeKind.Operator => "operator " + (OperatorNames.ToSymbol(node.Target) ?? node.Target),
        _ => node.Target,
    };

    private static long Normalize(long dim, int rank) => dim < 0 ? dim + rank : dim;

    private string Pool(bool max, int n)
    {
        var k = Tuple(Get(1, "kernel_size"), n, "kernel_size");
        var s = Get(2, "stride") is { } st && st is not IReadOnlyList<object?> { Count: 0 } ? Tuple(st, n, "stride") : k;
        var p = Get(3, "padding") is { } pd ? Tuple(pd, n, "padding") : new long[n];
        long[]? d = null;
        bool ceil;
        var countIncludePad = true;
        if (max)
        {
            d = Get(4, "dilation") is { } dl ? Tuple(dl, n, "dilation") : Enumerable.Repeat(1L, n).ToArray();
            ceil = Bool(5, "ceil_mode", false);
            if (Bool(6, "return_indices", false))
            {
                throw Refuse("max pooling with return_indices=True");
            }
        }
        else
        {
            ceil = Bool(4, "ceil_mode", false);
            countIncludePad = Bool(5, "count_include_pad", true);
            if (Get(6, "divisor_override") is not null)
            {
                throw Refuse("average pooling with divisor_override");
            }
        }

        return CommonOps.Pool(b, Tensor(0, "input"), max, k, s, p, d, ceil, countIncludePad, InputShape(0, "input"), CommonOps.ShapeOf(_node, _node));
    }

    /// <summary>F.conv1d/2d/3d(input, weight, bias, stride, padding, dilation, groups) with the weight a parameter or buffer; padding 'same'/'valid' too.</summary>
    private string FunctionalConv(int n)
    {
        var weight = InputShape(1, "weight");
        if (weight.Rank != n + 2 || !weight.IsFullyKnown)
        {
            throw Refuse($"a conv{n}d weight of shape {weight}");
        }

        var k = Enumerable.Range(2, n).Select(i => weight[i].Value).ToArray();
        var s = Get(3, "stride") is { } st ? Tuple(st, n, "stride") : Enumerable.Repeat(1L, n).ToArray();
        var d = Get(5, "dilation") is { } dl ? Tuple(dl, n, "dilation") : Enumerable.Repeat(1L, n).ToArray();
        long[] pads;
        switch (Get(4, "padding"))
        {
            case null or "valid":
                pads = new long[2 * n];
                break;
            case "same":
                // PyTorch pads d*(k-1) per dimension, the odd one at the end.
                pads = new long[2 * n];
                for (var i = 0; i < n; i++)
                {
                    var total = d[i] * (k[i] - 1);
                    pads[i] = total / 2;
                    pads[n + i] = total - pads[i];
                }

                break;
            case string other:
                throw Refuse($"padding='{other}'");
            case var p:
                pads = CommonOps.SymmetricPads(Tuple(p, n, "padding"));
                break;
        }

        var inputs = new List<string> { Tensor(0, "input"), Tensor(1, "weight") };
        if (Get(2, "bias") is { } bias)
        {
            inputs.Add(bias is TensorRef t ? t.Name : throw Refuse($"bias {bias} that is not a tensor"));
        }

        return b.Op("Conv", inputs, Ints("kernel_shape", k), Ints("strides", s), Ints("dilations", d), Ints("pads", pads), Int("group", Long(6, "groups", 1)));
    }

    /// <summary>F.conv_transpose1d/2d/3d(input, weight, bias, stride, padding, output_padding, groups, dilation).</summary>
    private string FunctionalConvTranspose(int n)
    {
        var weight = InputShape(1, "weight");
        if (weight.Rank != n + 2 || !weight.IsFullyKnown)
        {
            throw Refuse($"a conv_transpose{n}d weight of shape {weight}");
        }

        var k = Enumerable.Range(2, n).Select(i => weight[i].Value).ToArray();
        long[] Or(int index, string name, long fallback) => Get(index, name) is { } v ? Tuple(v, n, name) : Enumerable.Repeat(fallback, n).ToArray();
        var inputs = new List<string> { Tensor(0, "input"), Tensor(1, "weight") };
        if (Get(2, "bias") is { } bias)
        {
            inputs.Add(bias is TensorRef t ? t.Name : throw Refuse($"bias {bias} that is not a tensor"));
        }

        return b.Op("ConvTranspose", inputs, Ints("kernel_shape", k), Ints("strides", Or(3, "stride", 1)), Ints("dilations", Or(7, "dilation", 1)),
            Ints("pads", CommonOps.SymmetricPads(Or(4, "padding", 0))), Ints("output_padding", Or(5, "output_padding", 0)), Int("group", Long(6, "groups", 1)));
    }

    /// <summary>F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps) with running statistics, in eval mode.</summary>
    private string FunctionalBatchNorm()
    {
        if (Get(5, "training") is true)
        {
            throw Refuse("F.batch_norm with training=True normalizes with the batch's own statistics");
        }

        if (Get(1, "running_mean") is not TensorRef mean || Get(2, "running_var") is not TensorRef variance)
        {
            throw Refuse("F.batch_norm without running statistics normalizes with the batch's own statistics");
        }

        var channels = InputShape(0, "input") is { Rank: >= 2 } shape && shape[1].IsKnown ? shape[1].Value : throw Refuse("F.batch_norm on an input without a fixed channel dimension");
        var scale = Get(3, "weight") switch
        {
            TensorRef w => w.Name,
            null => b.Filled(channels, 1),
            var v => throw Refuse($"weight {v} that is not a tensor"),
        };
        var shift = Get(4, "bias") switch
        {
            TensorRef w => w.Name,
            null => b.Filled(channels, 0),
            var v => throw Refuse($"bias {v} that is not a tensor"),
        };
        return b.Op("BatchNormalization", [Tensor(0, "input"), scale, shift, mean.Name, variance.Name], Float("epsilon", Double(7, "eps", 1e-5)));
    }

    /// <summary>
    /// The shape of a factory's result as a runtime value: fixed sizes as constants, the symbolic batch (at any position)
    /// from the model's input; any other size that is not fixed is refused.
    /// </summary>
    private string RuntimeShape(Shape output)
    {
        if (!b.Batch.IsSymbolic || Enumerable.Range(0, output.Rank).Any(i => !output[i].IsKnown && !b.IsBatch(output[i])))
        {
            throw Refuse($"torch.{Short(_node.Target)} of the size {output}, which is neither fixed nor the batch");
        }

        var batch = b.Op("Slice", [b.Op("Shape", [OnnxExporter.InputName]), b.Longs(0), b.Longs(1)]);
        var parts = Enumerable.Range(0, output.Rank).Select(i => output[i].IsKnown ? b.Longs(output[i].Value) : batch).ToList();
        return parts.Count == 1 ? parts[0] : b.Op("Concat", parts, Int("axis", 0));
    }

    private static AttributeProto FloatValue(double value) =>
        new() { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = FloatTensor("value", [1], [(float)value]) };

    /// <summary>PyTorch's distributions: randn is N(0, 1), rand is U[0, 1).</summary>
    private static AttributeProto[] RandomRange(bool normal) =>
        normal ? [Float("mean", 0), Float("scale", 1)] : [Float("low", 0), Float("high", 1)];

    /// <summary>A random factory with a dtype keyword other than float32 is refused (ONNX's ops are given dtype float).</summary>
    private void FloatDtypeOnly()
    {
        foreach (var (key, value) in _node.Kwargs)
        {
            if (key == "dtype" && resolve(value) is var dtype && dtype?.ToString() is not ("torch.float32" or "torch.float"))
            {
                throw Refuse($"dtype={dtype ?? "None"} (the random ops are exported as float32)");
            }
        }
    }

    private long[] Tuple(object? value, int n, string name) => value switch
    {
        long l => Enumerable.Repeat(l, n).ToArray(),
        IReadOnlyList<object?> list when list.Count == n => list.Select(v => AsLong(v, name)).ToArray(),
        IReadOnlyList<object?> { Count: 1 } one => Enumerable.Repeat(AsLong(one[0], name), n).ToArray(),
        _ => throw Refuse($"{name}={value}"),
    };

    private string[] Split(string name)
    {
        var shape = InputShape(0, "input");
        var dim = Normalize(name == "unbind" ? Long(1, "dim", 0) : Long(2, "dim", 0), shape.Rank);
        var size = shape[(int)dim];
        if (!size.IsKnown)
        {
            throw Refuse($"splitting the dimension {dim} of size {size}, which is not fixed");
        }

        var total = size.Value;
        long[] sizes;
        if (name == "unbind")
        {
            sizes = Enumerable.Repeat(1L, checked((int)total)).ToArray();
        }
        else if (name == "chunk")
        {
            var chunks = Long(1, "chunks");
            var each = (total + chunks - 1) / chunks;
            sizes = Pieces(total, each);
        }
        else
        {
            sizes = (Get(1, "split_size_or_sections") ?? Get(-1, "split_size")) switch
            {
                long each => Pieces(total, each),
                IReadOnlyList<object?> list => list.Select(v => AsLong(v, "split_size_or_sections")).ToArray(),
                var v => throw Refuse($"split sizes {v}"),
            };
        }

        var outputs = b.OpMulti("Split", [Tensor(0, "input"), b.Longs(sizes)], sizes.Length, Int("axis", dim));
        return name == "unbind" ? [.. outputs.Select(o => b.Op("Squeeze", [o, b.Longs(dim)]))] : outputs;

        static long[] Pieces(long total, long each)
        {
            var list = new List<long>();
            for (var at = 0L; at < total; at += each)
            {
                list.Add(Math.Min(each, total - at));
            }

            return [.. list];
        }
    }

    private string Reduce(string name)
    {
        var x = Tensor(0, "input");
        var keep = Bool(2, "keepdim", false) ? 1 : 0;
        var rank = InputShape(0, "input").Rank;
        long[] axes = Get(1, "dim") switch
        {
            null => [.. Enumerable.Range(0, rank).Select(i => (long)i)],
            long l => [l],
            IReadOnlyList<object?> list => [.. list.Select(v => AsLong(v, "dim"))],
            var v => throw Refuse($"dim {v}"),
        };
        var op = Reductions[name];
        var result = op == "ReduceSum" ? b.Op(op, [x, b.Longs(axes)], Int("keepdims", keep)) : b.Op(op, [name == "mean" ? b.AsFloat(x) : x], Ints("axes", axes), Int("keepdims", keep));
        return name != "mean" && b.IsInteger(x) ? b.MarkInteger(result) : result;
    }

    /// <summary>
    /// std/var over dims (all by default) with keepdim: the mean of the squared deviations times n / (n - correction),
    /// n the count reduced, read at run time (it may include the batch). correction is 1 when unbiased (the default),
    /// 0 when not, or PyTorch's correction= keyword.
    /// </summary>
    private string Deviation(bool std)
    {
        var x = b.AsFloat(Tensor(0, "input"));
        var rank = InputShape(0, "input").Rank;
        var first = Get(1, "dim");
        var unbiased = first is bool u ? u : Get(2, "unbiased") is bool ub ? ub : true;
        long[] axes = first switch
        {
            null or bool => [.. Enumerable.Range(0, rank).Select(i => (long)i)],
            long l => [Normalize(l, rank)],
            IReadOnlyList<object?> list => [.. list.Select(v => Normalize(AsLong(v, "dim"), rank))],
            var v => throw Refuse($"dim {v}"),
        };
        var keep = first is bool ? 0 : Get(3, "keepdim") is bool k && k ? 1 : 0;
        var correction = Get(-1, "correction") is { } c ? AsDouble(c, "correction") : unbiased ? 1 : 0;
        var mean = b.Op("ReduceMean", [x], Ints("axes", axes), Int("keepdims", 1));
        var deviation = b.Op("Sub", [x, mean]);
        var squares = b.Op("ReduceMean", [b.Op("Mul", [deviation, deviation])], Ints("axes", axes), Int("keepdims", keep));
        var count = b.Op("Cast", [b.Op("ReduceProd", [b.Op("Gather", [b.Op("Shape", [x]), b.Longs(axes)], Int("axis", 0))], Int("keepdims", 0))], Int("to", 1));
        var scale = b.Op("Div", [count, b.Op("Sub", [count, b.Scalar(correction)])]);
        var variance = correction == 0 ? squares : b.Op("Mul", [squares, scale]);
        return std ? b.Op("Sqrt", [variance]) : variance;
    }

    /// <summary>Tensors to join: int64 and float32 ones together are all float32 (PyTorch promotes; Concat takes one type).</summary>
    private string[] Joined(string[] tensors) =>
        tensors.Any(b.IsInteger) && !tensors.All(b.IsInteger) ? [.. tensors.Select(b.AsFloat)] : tensors;

    /// <summary>Max/Min of two operands promoted to one type (int64 stays int64).</summary>
    private string Elementwise(string op, object? left, object? right)
    {
        var (l, r, integer) = ArithmeticOps.Common(b, left, right, Refuse);
        var result = b.Op(op, [l, r]);
        return integer ? b.MarkInteger(result) : result;
    }

    /// <summary>
    /// zeros_like/ones_like: the input's (dynamic) shape filled, of the dtype= keyword's type or the input's (an int64
    /// tensor stays int64, a bool mask stays a mask).
    /// </summary>
    private string FilledLike(long fill)
    {
        var x = Tensor(0, "input");
        var dtype = _node.Kwargs.Where(k => k.Key == "dtype").Select(k => resolve(k.Value)?.ToString()).FirstOrDefault();
        var kind = dtype switch
        {
            null => b.IsInteger(x) ? "int" : b.IsBoolMask(x) ? "bool" : "float",
            "torch.float32" or "torch.float" => "float",
            "torch.int64" or "torch.long" => "int",
            "torch.bool" => "bool",
            var other => throw Refuse($"dtype={other} (the exporter makes float32, int64 and bool tensors)"),
        };
        var shape = b.Op("Shape", [x]);
        if (kind == "int")
        {
            var value = new TensorProto { Name = "value", DataType = (int)TensorProto.Types.DataType.Int64 };
            value.Dims.Add(1);
            value.Int64Data.Add(fill);
            return b.MarkInteger(b.Op("ConstantOfShape", [shape], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value }));
        }

        var made = b.Op("ConstantOfShape", [shape], FloatValue(fill));
        return kind == "bool" ? b.MarkBoolMask(made) : made;
    }

    /// <summary>
    /// torch.arange(end), (start, end) or (start, end, step): int64 when every bound is an integer (and no float
    /// dtype=), float32 otherwise. Fixed bounds give a constant; a bound that is the batch (x.size(0)) gives Range
    /// with the batch read from the input at run time.
    /// </summary>
    private string Arange(Shape output)
    {
        var bounds = _node.Args.Select(resolve).ToList();
        foreach (var (key, value) in _node.Kwargs)
        {
            if (key is "start" or "end" or "step")
            {
                throw Refuse($"arange with {key}= as a keyword");
            }
        }

        var dtype = _node.Kwargs.Where(k => k.Key == "dtype").Select(k => resolve(k.Value)?.ToString()).FirstOrDefault();
        var integer = dtype switch
        {
            null => bounds.All(v => v is long or SymbolicSize),
            "torch.int64" or "torch.long" => true,
            "torch.float32" or "torch.float" => false,
            var other => throw Refuse($"dtype={other} (the exporter makes float32 and int64 tensors)"),
        };
        if (bounds.Count is < 1 or > 3)
        {
            throw Refuse($"arange with {bounds.Count} bounds");
        }

        if (bounds.All(v => v is long or double or int or float))
        {
            var values = bounds.Select(v => AsDouble(v, "end")).ToList();
            var (start, step) = values.Count switch { 1 => (0.0, 1.0), 2 => (values[0], 1.0), _ => (values[0], values[2]) };
            var length = output[0].IsKnown ? output[0].Value : throw Refuse($"arange of length {output[0]}");
            return integer
                ? b.MarkInteger(b.Longs([.. Enumerable.Range(0, checked((int)length)).Select(i => (long)start + (i * (long)step))]))
                : b.Floats([length], [.. Enumerable.Range(0, checked((int)length)).Select(i => (float)(start + (i * step)))]);
        }

        if (!integer || bounds.Any(v => v is SymbolicSize s && !b.IsBatch(s.Size)) || bounds.Any(v => v is not (long or SymbolicSize)))
        {
            throw Refuse($"arange with bounds {string.Join(", ", bounds)}, which are neither fixed integers nor the batch");
        }

        var batch = b.Op("Squeeze", [b.Op("Slice", [b.Op("Shape", [OnnxExporter.InputName]), b.Longs(0), b.Longs(1)]), b.Longs(0)]);
        string Bound(object? v) => v is long l ? b.LongScalar(l) : batch;
        var (from, to, by) = bounds.Count switch
        {
            1 => (b.LongScalar(0), Bound(bounds[0]), b.LongScalar(1)),
            2 => (Bound(bounds[0]), Bound(bounds[1]), b.LongScalar(1)),
            _ => (Bound(bounds[0]), Bound(bounds[1]), Bound(bounds[2])),
        };
        return b.MarkInteger(b.Op("Range", [from, to, by]));
    }

    /// <summary>Indexing with ints, slices, None and ... (x[:, 0], x[..., 1:-1], x[:, None]).</summary>
    private string GetItem(Shape? output)
    {
        var x = Tensor(0, "input");
        var shape = InputShape(0, "input");
        var index = Get(1, "index");
        var items = index is IReadOnlyList<object?> list && _node.Args.Count > 1 && _node.Args[1] is ListArg { IsTuple: true } ? list : [index];
        var ellipsis = items.Count(i => ReferenceEquals(i, ConstArg.Ellipsis));
        var consuming = items.Count(i => i is long or SliceValue);
        var starts = new List<long>();
        var ends = new List<long>();
        var axes = new List<long>();
        var steps = new List<long>();
        var squeeze = new List<long>();
        var unsqueezeAt = new List<long>();
        var dim = 0;
        var outDim = 0;
        foreach (var item in items)
        {
            switch (item)
            {
                case var e when ReferenceEquals(e, ConstArg.Ellipsis):
                    var skip = shape.Rank - consuming;
                    dim += skip;
                    outDim += skip;
                    break;
                case null:
                    unsqueezeAt.Add(outDim);
                    outDim++;
                    break;
                case long i:
                    starts.Add(i);
                    ends.Add(i == -1 ? long.MaxValue : i + 1);
                    axes.Add(dim);
                    steps.Add(1);
                    squeeze.Add(dim);
                    dim++;
                    break;
                case SliceValue s:
                    if (s.Start is not null || s.Stop is not null || s.Step is not null)
                    {
                        starts.Add(s.Start ?? ((s.Step ?? 1) < 0 ? -1 : 0));
                        ends.Add(s.Stop ?? ((s.Step ?? 1) < 0 ? long.MinValue : long.MaxValue));
                        axes.Add(dim);
                        steps.Add(s.Step ?? 1);
                    }

                    dim++;
                    outDim++;
                    break;
                default:
                    throw Refuse($"indexing with {item} (only ints, slices, None and ... map to ONNX)");
            }
        }

        if (ellipsis > 1)
        {
            throw Refuse("an index with more than one ...");
        }

        var result = x;
        if (axes.Count > 0)
        {
            result = b.Op("Slice", [result, b.Longs([.. starts]), b.Longs([.. ends]), b.Longs([.. axes]), b.Longs([.. steps])]);
        }

        if (squeeze.Count > 0)
        {
            result = b.Op("Squeeze", [result, b.Longs([.. squeeze])]);
        }

        if (unsqueezeAt.Count > 0)
        {
            result = b.Op("Unsqueeze", [result, b.Longs([.. unsqueezeAt])]);
        }

        return result == x ? b.Op("Identity", [x]) : result;
    }

    /// <summary>The runtime shape of a static result shape whose batch follows the input (for expand).</summary>
    private string DynamicShape(Shape shape)
    {
        var dims = new long[shape.Rank];
        for (var i = 0; i < shape.Rank; i++)
        {
            dims[i] = shape[i].IsKnown && !(i == 0 && b.IsBatch(shape[i])) ? shape[i].Value : 1;
        }

        return b.Longs(dims);
    }

    private object? Get(int index, string name)
    {
        var args = _node.Args.Count > 0 || _node.Kwargs.Count > 0 ? _node.Args : [.. _node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))];
        if (index >= 0 && index < args.Count)
        {
            return resolve(args[index]);
        }

        foreach (var (key, value) in _node.Kwargs)
        {
            if (key == name)
            {
                return resolve(value);
            }
        }

        return null;
    }

    private string Tensor(int index, string name) =>
        Get(index, name) is TensorRef t ? t.Name : throw Refuse($"its argument {name} is not a tensor the exporter follows");

    private Shape InputShape(int index, string name)
    {
        var args = _node.Args.Count > 0 ? _node.Args : [.. _node.Inputs.Select(i => (NodeArg)new NodeRefArg(i))];
        if (index < args.Count && args[index] is NodeRefArg r)
        {
            return CommonOps.ShapeOf(r.Node, _node);
        }

        foreach (var (key, value) in _node.Kwargs)
        {
            if (key == name && value is NodeRefArg kr)
            {
                return CommonOps.ShapeOf(kr.Node, _node);
            }
        }

        throw Refuse($"its argument {name} is not a tensor the exporter follows");
    }

    private string[] TensorList(int index, string name) => Get(index, name) switch
    {
        IReadOnlyList<object?> list => [.. list.Select(v => v is TensorRef t ? t.Name : throw Refuse($"{name} holds {v}, not a tensor"))],
        var v => throw Refuse($"{name} is {v}, not a list of tensors"),
    };

    private long Long(int index, string name, long? fallback = null) => Get(index, name) switch
    {
        null when fallback is { } f => f,
        var v => AsLong(v, name),
    };

    private long? OptionalLong(int index, string name) => Get(index, name) is { } v ? AsLong(v, name) : null;

    private double Double(int index, string name, double fallback) => Get(index, name) is { } v ? AsDouble(v, name) : fallback;

    private double? OptionalDouble(int index, string name) => Get(index, name) is { } v ? AsDouble(v, name) : null;

    private bool Bool(int index, string name, bool fallback) => Get(index, name) is bool v ? v : fallback;

    private string? String(int index, string name) => Get(index, name) as string;

    private long[] Longs(int index, string name, bool varargs)
    {
        if (varargs && _node.Args.Count > index + 1)
        {
            return [.. _node.Args.Skip(index).Select(a => AsLong(resolve(a), name))];
        }

        return Get(index, name) switch
        {
            long l => [l],
            IReadOnlyList<object?> list => [.. list.Select(v => AsLong(v, name))],
            var v => throw Refuse($"{name}={v}"),
        };
    }

    private long AsLong(object? value, string name) => value switch
    {
        long l => l,
        int i => i,
        _ => throw Refuse($"{name}={value ?? "None"} is not an integer the exporter knows"),
    };

    private double AsDouble(object? value, string name) => value switch
    {
        long l => l,
        double d => d,
        int i => i,
        float f => f,
        _ => throw Refuse($"{name}={value ?? "None"} is not a number the exporter knows"),
    };

    private UnmappableException Refuse(string reason) => new(_node, reason);

    private static List<string> BuildTargets()
    {
        string[] names =
        [
            "torch.relu", "torch.sigmoid", "torch.tanh", "torch.exp", "torch.log", "torch.sqrt", "torch.abs", "torch.rsqrt", "torch.neg",
            Fn + "relu", Fn + "sigmoid", Fn + "tanh", Fn + "relu6", Fn + "gelu", Fn + "silu", Fn + "hardswish", Fn + "hardsigmoid", Fn + "elu",
            Fn + "leaky_relu", Fn + "softplus", Fn + "glu", "torch.clamp", "torch.softmax", Fn + "softmax", "torch.log_softmax", Fn + "log_softmax",
            Fn + "dropout", Fn + "dropout2d", "torch.dropout", Fn + "max_pool1d", Fn + "max_pool2d", Fn + "avg_pool1d", Fn + "avg_pool2d",
            Fn + "adaptive_avg_pool1d", Fn + "adaptive_avg_pool2d", Fn + "adaptive_max_pool1d", Fn + "adaptive_max_pool2d",
            "torch.reshape", "torch.flatten", "torch.permute", "torch.transpose", "torch.squeeze", "torch.unsqueeze", "torch.cat", "torch.concat",
            "torch.concatenate", "torch.stack", "torch.split", "torch.chunk", "torch.unbind", "torch.mean", "torch.sum", "torch.amax", "torch.amin",
            "torch.max", "torch.min", "torch.maximum", "torch.minimum", "torch.argmax", "torch.add", "torch.sub", "torch.mul", "torch.div", "torch.pow",
            "torch.matmul", "torch.mm", "torch.bmm", Fn + "linear", Fn + "conv1d", Fn + "conv2d", Fn + "conv3d", Fn + "conv_transpose1d",
            Fn + "conv_transpose2d", Fn + "conv_transpose3d", Fn + "batch_norm", Fn + "layer_norm", Fn + "embedding", Fn + "interpolate", Fn + "upsample", Fn + "pad", "torch.zeros", "torch.ones", "torch.full",
            "torch.eye", "torch.randn", "torch.rand", "torch.randn_like", "torch.rand_like", "torch.zeros_like", "torch.ones_like", "torch.arange",
            "torch.std", "torch.var", Fn + "abs", Fn + "exp", Fn + "log", Fn + "sqrt", Fn + "rsqrt", "getattr", "getitem", "operator.getitem", "len", "torch.numel",
        ];
        string[] methods =
        [
            "relu", "sigmoid", "tanh", "exp", "log", "sqrt", "abs", "rsqrt", "neg", "clamp", "softmax", "log_softmax", "view", "reshape", "view_as",
            "reshape_as", "expand", "expand_as", "flatten", "permute", "transpose", "t", "T", "mT", "squeeze", "unsqueeze", "split", "chunk", "unbind",
            "mean", "sum", "amax", "amin", "max", "min", "argmax", "add", "sub", "mul", "div", "pow", "matmul", "mm", "bmm", "contiguous", "clone",
            "detach", "float", "size", "shape", "dim", "ndimension", "numel", "__getitem__", "repeat", "std", "var",
        ];
        string[] operators = ["matmul", "imatmul", "neg", "pos", "getitem", "[]", "invert", "~", "gt", "lt", "ge", "le", "eq", "ne"];
        return [.. names.Select(n => "function:" + n).Concat(methods.Select(m => "method:" + m)).Concat(operators.Select(o => "operator:" + o))
            .Concat(Unary.Keys.SelectMany(u => new[] { "function:torch." + u, "function:" + Fn + u, "method:" + u }))
            .Concat(Reductions.Keys.SelectMany(r => new[] { "function:torch." + r, "method:" + r }))
            .Concat(ArithmeticOps.Targets.Keys).Concat(ElementwiseMapper.Targets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
