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
    };

    /// <summary>The ops that only move, select or join values: a bool mask in is a bool mask out.</summary>
    private static readonly HashSet<string> Rearranging = new(StringComparer.Ordinal)
    {
        "contiguous", "clone", "detach", "view", "reshape", "view_as", "reshape_as", "expand", "expand_as", "flatten", "permute", "transpose", "t",
        "T", "mT", "squeeze", "unsqueeze", "cat", "concat", "concatenate", "stack", "split", "chunk", "unbind", "getitem", "[]", "__getitem__", "repeat",
        "getattr", "movedim", "moveaxis", "swapaxes", "swapdims", "tile", "unflatten", "hstack", "vstack",
        "tensor_split",
    };

    /// <summary>
    /// The reductions over dims (an int, a tuple, or all) with keepdim, by torch name: one row each. ReduceSum takes its
    /// axes as an input (opset 13+), the others as an attribute (until opset 18).
    /// </summary>
    private static readonly Dictionary<string, string> Reductions = new(StringComparer.Ordinal)
    {
        ["mean"] = "ReduceMean", ["sum"] = "ReduceSum", ["amax"] = "ReduceMax", ["amin"] = "ReduceMin", ["prod"] = "ReduceProd",
        ["logsumexp"] = "ReduceLogSumExp",
    };

    /// <summary>The unary ops that keep an int64 tensor int64 in PyTorch (the others compute in float).</summary>
    private static readonly HashSet<string> IntegerUnary = new(StringComparer.Ordinal) { "abs", "neg" };

    private static readonly HashSet<string> SizeOnly = new(StringComparer.Ordinal)
    {
        "method:size", "method:shape", "method:dim", "method:ndimension", "method:numel", "function:torch.numel", "function:len",
        "method:nelement", "function:torch.Tensor.dim",
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
        if (node.Kind == NodeKind.CallMethod && name is "t_" or "transpose_" or "squeeze_" or "unsqueeze_")
        {
            // In place: the check rebinds the receiver to this node's result, so later reads take the reshaped value.
            name = name[..^1];
        }

        if (Unary.TryGetValue(name, out var unary) && (node.Kind == NodeKind.CallMethod || node.Target.StartsWith("torch.", StringComparison.Ordinal) || node.Target is "neg" or "abs"))
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
            case "max_pool1d" or "max_pool2d" or "max_pool3d" or "avg_pool1d" or "avg_pool2d" or "avg_pool3d":
                return [Pool(name.StartsWith("max", StringComparison.Ordinal), name[^2] - '0')];
            case "adaptive_avg_pool1d" or "adaptive_avg_pool2d" or "adaptive_avg_pool3d" or "adaptive_max_pool1d" or "adaptive_max_pool2d" or "adaptive_max_pool3d":
            {
                if (node.Target == "torch.adaptive_max_pool1d")
                {
                    throw Refuse(AdaptiveMaxPool1dReason);
                }

                if (Get(2, "return_indices") is true)
                {
                    throw Refuse("adaptive max pooling with return_indices=True (ONNX has no indices for it)");
                }

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

            case "transpose" or "t" or "mT" or "T" or "swapaxes" or "swapdims":
            {
                var rank = InputShape(0, "input").Rank;
                if (name == "t" && rank < 2)
                {
                    // torch.t of a vector (or a scalar) returns it as it is.
                    return [b.Op("Identity", [Tensor(0, "input")])];
                }

                var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
                if (name == "T")
                {
                    Array.Reverse(perm);
                }
                else
                {
                    var (d0, d1) = name is "transpose" or "swapdims" ? (Normalize(Long(1, "dim0"), rank), Normalize(Long(2, "dim1"), rank))
                        : name == "swapaxes" ? (Normalize(Long(1, "axis0"), rank), Normalize(Long(2, "axis1"), rank)) : (rank - 2L, rank - 1L);
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

            case "matmul" or "imatmul" or "mm" or "bmm" or "__matmul__" or "mv":
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
                return [FunctionalBatchNorm(torchOrder: node.Target == "torch.batch_norm")];
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

            case "all" or "any" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
            {
                var keep = Bool(2, "keepdim", false) ? 1 : 0;
                var flags = b.Op("Cast", [NonZero(Tensor(0, "input"))], Int("to", 1));
                return [b.MarkBoolMask(ReduceOver(name == "all" ? "ReduceMin" : "ReduceMax", flags, Axes(Get(1, "dim")), keep))];
            }

            case "argmin":
            {
                var x = Tensor(0, "input");
                var keep = Bool(2, "keepdim", false);
                if (OptionalLong(1, "dim") is { } dim)
                {
                    return [b.MarkInteger(b.Op("ArgMin", [x], Int("axis", dim), Int("keepdims", keep ? 1 : 0)))];
                }

                // Over the flattened tensor (the first smallest, as select_last_index=0 gives); keepdim keeps every dimension as 1.
                var flat = b.Op("ArgMin", [b.Op("Reshape", [x, b.Longs(-1)])], Int("axis", 0), Int("keepdims", 0));
                var rank = InputShape(0, "input").Rank;
                return [b.MarkInteger(keep ? b.Op("Reshape", [flat, b.Longs([.. Enumerable.Repeat(1L, rank)])]) : flat)];
            }

            case "nansum" or "nanmean" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
                return [NanReduce(name == "nanmean")];
            case "count_nonzero" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
            {
                var flags = b.Op("Cast", [NonZero(Tensor(0, "input"))], Int("to", (long)TensorProto.Types.DataType.Int64));
                return [b.MarkInteger(ReduceOver("ReduceSum", flags, Axes(Get(1, "dim")), 0))];
            }

            case "norm" when node.Kind == NodeKind.CallMethod || node.Target == "torch.norm":
                return [Norm()];
            case "sort" or "argsort" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
            {
                var rank = InputShape(0, "input").Rank;
                var (values, indices) = StableSort(Tensor(0, "input"), Normalize(Long(1, "dim", -1), rank), Bool(2, "descending", false));
                return name == "sort" ? [values, indices] : [indices];
            }

            case "topk" when node.Kind == NodeKind.CallMethod || node.Target == "torch.topk":
            {
                // Every element sorted (NaN as the largest, as PyTorch orders it), then the first k: the values are
                // PyTorch's; among equal values the lower index comes first (PyTorch does not specify its order there).
                var rank = InputShape(0, "input").Rank;
                var dim = Normalize(Long(2, "dim", -1), rank);
                var (values, indices) = StableSort(Tensor(0, "input"), dim, Bool(3, "largest", true));
                var k = Long(1, "k");
                return [b.Op("Slice", [values, b.Longs(0), b.Longs(k), b.Longs(dim)]), b.MarkInteger(b.Op("Slice", [indices, b.Longs(0), b.Longs(k), b.Longs(dim)]))];
            }

            case "kthvalue" when node.Kind == NodeKind.CallMethod || node.Target == "torch.kthvalue":
            {
                var rank = InputShape(0, "input").Rank;
                var dim = Normalize(Long(2, "dim", -1), rank);
                var (values, indices) = StableSort(Tensor(0, "input"), dim, descending: false);
                var k = Long(1, "k");
                return Picked(values, indices, b.Longs(k - 1), dim, Bool(3, "keepdim", false), perRow: false);
            }

            case "median" or "nanmedian" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
                return Median(name == "nanmedian");
            case "mode" when node.Kind == NodeKind.CallMethod || node.Target == "torch.mode":
                return Mode();
            case "addmm" or "baddbmm" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
            {
                // beta * input + alpha * (mat1 @ mat2); beta=0 ignores input (its NaN and inf too), as PyTorch does.
                var beta = Double(-1, "beta", 1.0);
                var alpha = Double(-1, "alpha", 1.0);
                var product = b.Op("MatMul", [Tensor(1, "mat1"), Tensor(2, "mat2")]);
                var scaled = alpha == 1 ? product : b.Op("Mul", [product, b.Scalar(alpha)]);
                if (beta == 0)
                {
                    return [scaled];
                }

                var input = Tensor(0, "input");
                return [b.Op("Add", [beta == 1 ? input : b.Op("Mul", [input, b.Scalar(beta)]), scaled])];
            }

            case "dot" or "inner" or "outer" or "ger" when node.Kind == NodeKind.CallMethod || node.Target == "torch." + name:
                return [Products(name)];
            case "einsum" when node.Target == "torch.einsum":
            {
                var equation = String(0, "equation") ?? throw Refuse("an einsum equation that is not a string");
                var operands = _node.Args.Count == 2 && Get(1, "operands") is IReadOnlyList<object?> list
                    ? [.. list.Select(v => v is TensorRef t ? t.Name : throw Refuse($"an einsum operand {v} that is not a tensor"))]
                    : _node.Args.Skip(1).Select(a => resolve(a) is TensorRef t ? t.Name : throw Refuse("an einsum operand that is not a tensor")).ToArray();
                var joined = Joined(operands);
                var result = b.Op("Einsum", joined, Str("equation", equation.Replace(" ", string.Empty, StringComparison.Ordinal)));
                return [joined.All(b.IsInteger) ? b.MarkInteger(result) : result];
            }

            case "movedim" or "moveaxis":
                return [MoveDim()];
            case "tile":
            {
                var rank = InputShape(0, "input").Rank;
                var reps = Longs(1, "dims", varargs: node.Kind == NodeKind.CallMethod);
                var x = Tensor(0, "input");
                if (reps.Length > rank)
                {
                    // More repeats than dimensions: PyTorch prepends size-1 dimensions to the input.
                    x = b.Op("Unsqueeze", [x, b.Longs([.. Enumerable.Range(0, reps.Length - rank).Select(i => (long)i)])]);
                }

                long[] all = [.. Enumerable.Repeat(1L, Math.Max(rank - reps.Length, 0)), .. reps];
                return [b.Op("Tile", [x, b.Longs(all)])];
            }

            case "unflatten":
                return [b.Op("Reshape", [Tensor(0, "input"), b.ReshapeTarget(output!)])];
            case "hstack" or "vstack" when node.Target == "torch." + name:
            {
                var tensors = Joined(TensorList(0, "tensors"));
                var ranks = TensorListShapes(0).Select(s => s.Rank).ToList();
                if (name == "hstack")
                {
                    // atleast_1d, then joined along dim 0 for vectors, dim 1 otherwise.
                    var pieces = tensors.Select((t, i) => ranks[i] == 0 ? b.Op("Reshape", [t, b.Longs(1)]) : t).ToList();
                    return [b.Op("Concat", pieces, Int("axis", ranks[0] <= 1 ? 0 : 1))];
                }

                // atleast_2d ([n] is [1, n], a scalar [1, 1]), then joined along dim 0.
                var rows = tensors.Select((t, i) => ranks[i] switch
                {
                    0 => b.Op("Reshape", [t, b.Longs(1, 1)]),
                    1 => b.Op("Unsqueeze", [t, b.Longs(0)]),
                    _ => t,
                }).ToList();
                return [b.Op("Concat", rows, Int("axis", 0))];
            }

            case "tensor_split":
                return TensorSplit();
            case "group_norm" when node.Kind == NodeKind.CallFunction:
                return [GroupNorm()];
            case "tensor" or "as_tensor" or "FloatTensor" or "LongTensor" when node.Kind == NodeKind.CallFunction && output is not null:
                return [Literal(name, output)];
            case "empty" when node.Target == "torch.empty" && output is not null:
                // PyTorch leaves the memory uninitialised: any value is correct, zeros are as good as any.
                return [Made(output, 0, DtypeKind("float"))];
            case "empty_like" or "full_like" when node.Target == "torch." + name:
                return [FilledLike(name == "empty_like" ? 0 : AsDouble(Get(1, "fill_value"), "fill_value"))];
            case "new_zeros" or "new_ones" or "new_full" or "new_empty" when node.Kind == NodeKind.CallMethod && output is not null:
            {
                var source = Tensor(0, "input");
                var fill = name switch { "new_ones" => 1.0, "new_full" => AsDouble(Get(2, "fill_value"), "fill_value"), _ => 0.0 };
                return [Made(output, fill, DtypeKind(b.IsInteger(source) ? "int" : b.IsBoolMask(source) ? "bool" : "float"))];
            }

            case "linspace" or "logspace" when node.Target == "torch." + name && output is { Rank: 1 } && output[0].IsKnown:
                return [Spaced(name == "logspace", output[0].Value)];
            case "randint" or "randint_like" when node.Target == "torch." + name && output is not null:
                return [RandomIntegers(name == "randint_like", output)];
            case "bernoulli" when node.Target == "torch.bernoulli":
            {
                if (Get(1, "p") is not null)
                {
                    throw Refuse("torch.bernoulli with p= draws with one probability for every element");
                }

                // Each element is 1 with the input's probability: a uniform draw in [0, 1) below it (ONNX Runtime's
                // Bernoulli op gives 1 with probability 1 - p).
                var p = b.AsFloat(Tensor(0, "input"));
                var draw = b.Op("RandomUniformLike", [p], Int("dtype", 1), Float("low", 0), Float("high", 1));
                return [b.Op("Cast", [b.Op("Less", [draw, p])], Int("to", 1))];
            }

            case "randperm" when node.Target == "torch.randperm":
                throw Refuse(RandpermReason);
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
    private string FunctionalBatchNorm(bool torchOrder)
    {
        // torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled) takes
        // the affine parameters before the statistics; F.batch_norm the statistics first.
        var (meanAt, varAt, weightAt, biasAt) = torchOrder ? (3, 4, 1, 2) : (1, 2, 3, 4);
        if (Get(5, "training") is true)
        {
            throw Refuse("F.batch_norm with training=True normalizes with the batch's own statistics");
        }

        if (Get(meanAt, "running_mean") is not TensorRef mean || Get(varAt, "running_var") is not TensorRef variance)
        {
            throw Refuse("F.batch_norm without running statistics normalizes with the batch's own statistics");
        }

        var channels = InputShape(0, "input") is { Rank: >= 2 } shape && shape[1].IsKnown ? shape[1].Value : throw Refuse("F.batch_norm on an input without a fixed channel dimension");
        var scale = Get(weightAt, "weight") switch
        {
            TensorRef w => w.Name,
            null => b.Filled(channels, 1),
            var v => throw Refuse($"weight {v} that is not a tensor"),
        };
        var shift = Get(biasAt, "bias") switch
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
        // dtype= (sum, mean, prod): float32 casts an int64 input first; int64 keeps an int64 one.
        var floating = name is "mean" or "logsumexp" || DtypeKind(b.IsInteger(x) ? "int" : "float") == "float";
        if (floating)
        {
            x = b.AsFloat(x);
        }
        else if (!b.IsInteger(x))
        {
            throw Refuse($"{name} of a float tensor with an integer dtype=");
        }

        var result = op == "ReduceSum" ? b.Op(op, [x, b.Longs(axes)], Int("keepdims", keep)) : b.Op(op, [x], Ints("axes", axes), Int("keepdims", keep));
        return !floating ? b.MarkInteger(result) : result;
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

    /// <summary>Why torch.adaptive_max_pool1d is refused.</summary>
    private const string AdaptiveMaxPool1dReason = "torch.adaptive_max_pool1d returns (values, indices) in PyTorch 1.13, and the export does not write "
        + "adaptive max pooling's indices (as with return_indices=True); use F.adaptive_max_pool1d";

    /// <summary>Why torch.randperm is refused: no ONNX opset 17 op samples a permutation.</summary>
    private const string RandpermReason = "torch.randperm: ONNX opset 17 has no op that samples a permutation (sorting uniform draws would repeat "
        + "a value, and so bias the order, once in about 2^24 pairs of float32 draws)";

    /// <summary>True where a value is not 0 (NaN included, as PyTorch counts it), as a bool tensor.</summary>
    private string NonZero(string x) => b.Op("Not", [b.Op("Equal", [x, b.IsInteger(x) ? b.LongScalar(0) : b.Scalar(0)])]);

    /// <summary>The dims of a reduction: null for every dim (dim=None), an int, or a tuple.</summary>
    private long[]? Axes(object? dim) => dim switch
    {
        null => null,
        long l => [l],
        IReadOnlyList<object?> list => [.. list.Select(v => AsLong(v, "dim"))],
        var v => throw Refuse($"dim {v}"),
    };

    /// <summary>A reduction over <paramref name="axes"/> (every dim when null): ReduceSum takes them as an input, the others as an attribute.</summary>
    private string ReduceOver(string op, string x, long[]? axes, long keep) =>
        op == "ReduceSum" ? b.Op(op, axes is null ? [x] : [x, b.Longs(axes)], Int("keepdims", keep))
        : axes is null ? b.Op(op, [x], Int("keepdims", keep)) : b.Op(op, [x], Ints("axes", axes), Int("keepdims", keep));

    /// <summary>nansum/nanmean: NaN counts as 0 in the sum and not at all in the count.</summary>
    private string NanReduce(bool mean)
    {
        var x = Tensor(0, "input");
        var axes = Axes(Get(1, "dim"));
        var keep = Bool(2, "keepdim", false) ? 1 : 0;
        if (b.IsInteger(x))
        {
            return mean ? throw Refuse("nanmean of an int64 tensor (PyTorch takes floating point ones only)") : b.MarkInteger(ReduceOver("ReduceSum", x, axes, keep));
        }

        var nan = b.Op("IsNaN", [x]);
        var sum = ReduceOver("ReduceSum", b.Op("Where", [nan, b.Scalar(0), x]), axes, keep);
        return mean ? b.Op("Div", [sum, ReduceOver("ReduceSum", b.Op("Cast", [b.Op("Not", [nan])], Int("to", 1)), axes, keep)]) : sum;
    }

    /// <summary>torch.norm / Tensor.norm(p='fro', dim=None, keepdim=False): the vector p-norm over the dims (all by default).</summary>
    private string Norm()
    {
        var x = b.AsFloat(Tensor(0, "input"));
        var p = Get(1, "p") switch
        {
            null or "fro" => 2.0,
            string other => throw Refuse($"p='{other}' (only vector norms map)"),
            var v => AsDouble(v, "p"),
        };
        var axes = Axes(Get(2, "dim"));
        var keep = Bool(3, "keepdim", false) ? 1 : 0;
        return p switch
        {
            2 => ReduceOver("ReduceL2", x, axes, keep),
            1 => ReduceOver("ReduceL1", x, axes, keep),
            double.PositiveInfinity => ReduceOver("ReduceMax", b.Op("Abs", [x]), axes, keep),
            double.NegativeInfinity => ReduceOver("ReduceMin", b.Op("Abs", [x]), axes, keep),
            0 => ReduceOver("ReduceSum", b.Op("Cast", [NonZero(x)], Int("to", 1)), axes, keep),
            _ => b.Op("Pow", [ReduceOver("ReduceSum", b.Op("Pow", [b.Op("Abs", [x]), b.Scalar(p)]), axes, keep), b.Scalar(1 / p)]),
        };
    }

    /// <summary>
    /// A stable sort along <paramref name="axis"/>, as PyTorch's CPU sort: by value (NaN as the largest), equal values in
    /// their order. ONNX's TopK over the whole dim breaks ties by the lower index in both directions; a float tensor is
    /// sorted by value with NaN as +inf, then by NaN-ness (so NaN follows +inf ascending and precedes it descending).
    /// </summary>
    private (string Values, string Indices) StableSort(string x, long axis, bool descending)
    {
        var count = b.Op("Slice", [b.Op("Shape", [x]), b.Longs(axis), b.Longs(axis + 1)]);
        var largest = Int("largest", descending ? 1 : 0);
        if (b.IsInteger(x))
        {
            var sorted = b.OpMulti("TopK", [x, count], 2, Int("axis", axis), largest, Int("sorted", 1));
            return (b.MarkInteger(sorted[0]), b.MarkInteger(sorted[1]));
        }

        var nan = b.Op("IsNaN", [x]);
        var key = b.Op("Where", [nan, b.Scalar(double.PositiveInfinity), x]);
        var first = b.OpMulti("TopK", [key, count], 2, Int("axis", axis), largest, Int("sorted", 1))[1];
        var flags = b.Op("GatherElements", [b.Op("Cast", [nan], Int("to", 1)), first], Int("axis", axis));
        var second = b.OpMulti("TopK", [flags, count], 2, Int("axis", axis), largest, Int("sorted", 1))[1];
        var indices = b.MarkInteger(b.Op("GatherElements", [first, second], Int("axis", axis)));
        return (b.Op("GatherElements", [x, indices], Int("axis", axis)), indices);
    }

    /// <summary>
    /// The value and index at <paramref name="position"/> of sorted rows: one place for every row ([1]), or each row's
    /// own (the input's shape with 1 along the axis).
    /// </summary>
    private string[] Picked(string values, string indices, string position, long axis, bool keep, bool perRow)
    {
        string Take(string t) => perRow
            ? b.Op("GatherElements", [t, position], Int("axis", axis))
            : b.Op("Slice", [t, position, b.Op("Add", [position, b.Longs(1)]), b.Longs(axis)]);
        var (v, i) = (Take(values), Take(indices));
        if (!keep)
        {
            (v, i) = (b.Op("Squeeze", [v, b.Longs(axis)]), b.Op("Squeeze", [i, b.Longs(axis)]));
        }

        return [b.IsInteger(values) ? b.MarkInteger(v) : v, b.MarkInteger(i)];
    }

    /// <summary>
    /// median/nanmedian over a dim (values and indices) or every element (the value): the lower of the two middle
    /// values of the stable sort. median of a row with NaN is the row's first NaN; nanmedian takes the middle of the
    /// numbers (a row of NaN only gives its first NaN).
    /// </summary>
    private string[] Median(bool ignoreNan)
    {
        var x = Tensor(0, "input");
        var dim = Get(1, "dim");
        var rank = InputShape(0, "input").Rank;
        if (dim is null)
        {
            var flat = b.Op("Reshape", [x, b.Longs(-1)]);
            x = b.IsInteger(x) ? b.MarkInteger(flat) : flat;
        }

        var axis = dim is null ? 0 : Normalize(AsLong(dim, "dim"), rank);
        var keep = dim is not null && Bool(2, "keepdim", false);
        var (values, indices) = StableSort(x, axis, descending: false);
        var count = b.Op("Slice", [b.Op("Shape", [x]), b.Longs(axis), b.Longs(axis + 1)]);
        var half = b.Op("Div", [b.Op("Sub", [count, b.Longs(1)]), b.Longs(2)]);
        if (b.IsInteger(x))
        {
            return Picked(values, indices, half, axis, keep, perRow: false);
        }

        var numbers = b.Op("ReduceSum", [b.Op("Cast", [b.Op("Not", [b.Op("IsNaN", [x])])], Int("to", (long)TensorProto.Types.DataType.Int64)), b.Longs(axis)], Int("keepdims", 1));
        var positions = ignoreNan
            ? b.Op("Max", [b.Op("Div", [b.Op("Sub", [numbers, b.Longs(1)]), b.Longs(2)]), b.Longs(0)])
            : b.Op("Where", [b.Op("Less", [numbers, count]), numbers, half]);
        return Picked(values, indices, positions, axis, keep, perRow: true);
    }

    /// <summary>
    /// mode over a dim of an int64 tensor: the most frequent value (the smallest of equally frequent ones) and the index
    /// of its last occurrence, as PyTorch 1.13 gives them; each element's count compares it with every other of its row.
    /// </summary>
    private string[] Mode()
    {
        var x = Tensor(0, "input");
        if (!b.IsInteger(x))
        {
            throw Refuse("mode of a float tensor: PyTorch 1.13 counts runs of equal values in its sorted rows, so a row with NaN gets a value that is not its most frequent; only int64 tensors map");
        }

        var rank = InputShape(0, "input").Rank;
        var axis = Normalize(Long(1, "dim", -1), rank);
        var keep = Bool(2, "keepdim", false);
        var perm = Enumerable.Range(0, rank).Select(i => (long)i).Where(i => i != axis).Append(axis).ToArray();
        var t = axis == rank - 1 ? x : b.Op("Transpose", [x], Ints("perm", perm));
        var same = b.Op("Equal", [b.Op("Unsqueeze", [t, b.Longs(-1)]), b.Op("Unsqueeze", [t, b.Longs(-2)])]);
        var counts = b.Op("ReduceSum", [b.Op("Cast", [same], Int("to", (long)TensorProto.Types.DataType.Int64)), b.Longs(-1)], Int("keepdims", 0));
        var best = b.Op("ReduceMax", [counts], Ints("axes", [-1]), Int("keepdims", 1));
        var value = b.Op("ReduceMin", [b.Op("Where", [b.Op("Equal", [counts, best]), t, b.LongScalar(long.MaxValue)])], Ints("axes", [-1]), Int("keepdims", 1));
        var length = b.Op("Squeeze", [b.Op("Slice", [b.Op("Shape", [t]), b.Longs(-1), b.Longs(long.MaxValue)]), b.Longs(0)]);
        var positions = b.Op("Range", [b.LongScalar(0), length, b.LongScalar(1)]);
        var index = b.Op("ReduceMax", [b.Op("Where", [b.Op("Equal", [t, value]), positions, b.LongScalar(-1)])], Ints("axes", [-1]), Int("keepdims", 1));
        string Back(string r)
        {
            if (!keep)
            {
                return b.MarkInteger(b.Op("Squeeze", [r, b.Longs(-1)]));
            }

            var inverse = new long[rank];
            for (var i = 0; i < rank; i++)
            {
                inverse[perm[i]] = i;
            }

            return b.MarkInteger(axis == rank - 1 ? r : b.Op("Transpose", [r], Ints("perm", inverse)));
        }

        return [Back(value), Back(index)];
    }

    /// <summary>dot (a scalar), outer/ger (a matrix) and inner (the sum over both last dims) of two operands of one type.</summary>
    private string Products(string name)
    {
        var (left, right, integer) = ArithmeticOps.Common(b, Get(0, "input"), Get(1, name switch { "dot" => "tensor", "inner" => "other", _ => "vec2" }), Refuse);
        var (ra, rb) = (InputShape(0, "input").Rank, InputShape(1, name switch { "dot" => "tensor", "inner" => "other", _ => "vec2" }).Rank);
        string result;
        if (name == "dot")
        {
            result = b.Op("ReduceSum", [b.Op("Mul", [left, right])], Int("keepdims", 0));
        }
        else if (name is "outer" or "ger")
        {
            result = b.Op("Mul", [b.Op("Unsqueeze", [left, b.Longs(1)]), b.Op("Unsqueeze", [right, b.Longs(0)])]);
        }
        else if (ra == 0 || rb == 0)
        {
            result = b.Op("Mul", [left, right]);
        }
        else
        {
            // inner(a, b)[i..., j...] = sum_k a[i..., k] * b[j..., k]: one einsum with distinct letters for the kept dims.
            var first = new string([.. Enumerable.Range(0, ra - 1).Select(i => (char)('a' + i))]);
            var second = new string([.. Enumerable.Range(0, rb - 1).Select(i => (char)('a' + ra - 1 + i))]);
            result = b.Op("Einsum", [left, right], Str("equation", $"{first}z,{second}z->{first}{second}"));
        }

        return integer ? b.MarkInteger(result) : result;
    }

    /// <summary>movedim/moveaxis(source, destination): the moved dims at their places, the others in their order.</summary>
    private string MoveDim()
    {
        var rank = InputShape(0, "input").Rank;
        long[] Dims(int index, string name) => Get(index, name) switch
        {
            long l => [Normalize(l, rank)],
            IReadOnlyList<object?> list => [.. list.Select(v => Normalize(AsLong(v, name), rank))],
            var v => throw Refuse($"{name}={v}"),
        };
        var (source, destination) = (Dims(1, "source"), Dims(2, "destination"));
        if (source.Length != destination.Length)
        {
            throw Refuse($"movedim with {source.Length} source and {destination.Length} destination dims");
        }

        var perm = Enumerable.Repeat(-1L, rank).ToArray();
        for (var i = 0; i < source.Length; i++)
        {
            perm[destination[i]] = source[i];
        }

        using var rest = Enumerable.Range(0, rank).Select(i => (long)i).Where(d => !source.Contains(d)).GetEnumerator();
        for (var p = 0; p < rank; p++)
        {
            if (perm[p] < 0 && rest.MoveNext())
            {
                perm[p] = rest.Current;
            }
        }

        return b.Op("Transpose", [Tensor(0, "input")], Ints("perm", perm));
    }

    /// <summary>tensor_split(sections or indices, dim=0): each piece a Slice (Python's slicing bounds, as PyTorch takes them).</summary>
    private string[] TensorSplit()
    {
        var shape = InputShape(0, "input");
        var dim = Normalize(Long(2, "dim", 0), shape.Rank);
        var bounds = new List<long> { 0 };
        switch (Get(1, "indices_or_sections"))
        {
            case long sections when sections > 0:
            {
                var size = shape[(int)dim].IsKnown ? shape[(int)dim].Value : throw Refuse($"tensor_split of the dimension {dim} of size {shape[(int)dim]}, which is not fixed");
                for (var i = 0; i < sections; i++)
                {
                    // The first size % sections pieces are one longer.
                    bounds.Add(bounds[^1] + (size / sections) + (i < size % sections ? 1 : 0));
                }

                break;
            }

            case IReadOnlyList<object?> list:
                bounds.AddRange(list.Select(v => AsLong(v, "indices")));
                bounds.Add(long.MaxValue);
                break;
            case var v:
                throw Refuse($"tensor_split by {v}");
        }

        var x = Tensor(0, "input");
        return [.. Enumerable.Range(0, bounds.Count - 1).Select(i => b.Op("Slice", [x, b.Longs(bounds[i]), b.Longs(bounds[i + 1]), b.Longs(dim)]))];
    }

    /// <summary>
    /// group_norm(input, num_groups, weight, bias, eps): each group's values normalized by their mean and biased variance,
    /// as InstanceNormalization over [N, G, rest] (GroupNormalization is opset 18), then the per-channel affine.
    /// </summary>
    private string GroupNorm()
    {
        var shape = InputShape(0, "input");
        var channels = shape.Rank >= 2 && shape[1].IsKnown ? shape[1].Value : throw Refuse($"group_norm of an input of shape {shape} without a fixed channel dimension");
        var groups = Long(1, "num_groups");
        var x = Tensor(0, "input");
        var grouped = b.Op("Reshape", [x, b.Longs(0, groups, -1)]);
        var normalized = b.Op("InstanceNormalization", [grouped, b.Filled(groups, 1), b.Filled(groups, 0)], Float("epsilon", Double(4, "eps", 1e-5)));
        var result = b.Op("Reshape", [normalized, b.Op("Shape", [x])]);
        result = Get(2, "weight") switch
        {
            TensorRef w => b.Op("Mul", [result, b.PerChannel(w.Name, channels, shape.Rank)]),
            null => result,
            var v => throw Refuse($"weight {v} that is not a tensor"),
        };
        return Get(3, "bias") switch
        {
            TensorRef bias => b.Op("Add", [result, b.PerChannel(bias.Name, channels, shape.Rank)]),
            null => result,
            var v => throw Refuse($"bias {v} that is not a tensor"),
        };
    }

    /// <summary>The dtype= keyword as the kind of tensor the exporter makes ("float", "int", "bool"), or <paramref name="fallback"/>.</summary>
    private string DtypeKind(string fallback) => _node.Kwargs.Where(k => k.Key == "dtype").Select(k => resolve(k.Value)?.ToString()).FirstOrDefault() switch
    {
        null => fallback,
        "torch.float32" or "torch.float" => "float",
        "torch.int64" or "torch.long" => "int",
        "torch.bool" => "bool",
        var other => throw Refuse($"dtype={other} (the exporter makes float32, int64 and bool tensors)"),
    };

    /// <summary>
    /// torch.tensor/as_tensor/FloatTensor/LongTensor of Python numbers (a constant of the checked shape), or of a tensor
    /// (a copy, cast to dtype=). FloatTensor(2, 3) and LongTensor(n) with sizes are uninitialised: zeros.
    /// </summary>
    private string Literal(string name, Shape output)
    {
        var data = Get(0, "data");
        if (data is TensorRef t)
        {
            var own = b.IsInteger(t.Name) ? "int" : b.IsBoolMask(t.Name) ? "bool" : "float";
            var kind = name == "FloatTensor" ? "float" : name == "LongTensor" ? "int" : DtypeKind(own);
            return kind == own || (kind == "float" && own == "bool") ? b.Op("Identity", [t.Name])
                : kind == "int" ? b.MarkInteger(b.Op("Cast", [t.Name], Int("to", (long)TensorProto.Types.DataType.Int64)))
                : kind == "float" ? b.AsFloat(t.Name)
                : b.MarkBoolMask(b.Op("Cast", [NonZero(t.Name)], Int("to", 1)));
        }

        if (name is "FloatTensor" or "LongTensor" && data is not IReadOnlyList<object?>)
        {
            return Made(output, 0, name == "FloatTensor" ? "float" : "int");
        }

        var values = new List<object?>();
        void Flatten(object? v)
        {
            if (v is IReadOnlyList<object?> list)
            {
                list.ToList().ForEach(Flatten);
            }
            else
            {
                values.Add(v is long or double or bool or int ? v : throw Refuse($"torch.{name} of {v ?? "None"}, which is not a number"));
            }
        }

        Flatten(data);
        var inferred = values.Any(v => v is double) ? "float" : values.Count > 0 && values.All(v => v is bool) ? "bool" : "int";
        var made = name == "FloatTensor" ? "float" : name == "LongTensor" ? "int" : DtypeKind(inferred);
        var dims = output.IsFullyKnown ? output.ToLongArray()! : throw Refuse($"torch.{name} of shape {output}");
        double Number(object? v) => v is bool f ? (f ? 1 : 0) : AsDouble(v, "data");
        return made switch
        {
            "int" => b.MarkInteger(b.LongsShaped(dims, [.. values.Select(v => (long)Number(v))])),
            "bool" => b.MarkBoolMask(b.Floats(dims, [.. values.Select(v => Number(v) != 0 ? 1f : 0f)])),
            _ => b.Floats(dims, [.. values.Select(v => (float)Number(v))]),
        };
    }

    /// <summary>A tensor of the checked shape filled with one value, of a kind: a constant, or from the batch at run time.</summary>
    private string Made(Shape output, double fill, string kind)
    {
        var count = output.IsFullyKnown ? checked((int)(output.KnownProduct(0) ?? 0)) : 0;
        if (kind == "int")
        {
            if (output.IsFullyKnown)
            {
                return b.MarkInteger(b.LongsShaped(output.ToLongArray()!, [.. Enumerable.Repeat((long)fill, count)]));
            }

            var value = new TensorProto { Name = "value", DataType = (int)TensorProto.Types.DataType.Int64 };
            value.Dims.Add(1);
            value.Int64Data.Add((long)fill);
            return b.MarkInteger(b.Op("ConstantOfShape", [RuntimeShape(output)], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value }));
        }

        var f = kind == "bool" ? (fill != 0 ? 1 : 0) : fill;
        var made = output.IsFullyKnown ? b.Floats(output.ToLongArray()!, [.. Enumerable.Repeat((float)f, count)]) : b.Op("ConstantOfShape", [RuntimeShape(output)], FloatValue(f));
        return kind == "bool" ? b.MarkBoolMask(made) : made;
    }

    /// <summary>
    /// torch.linspace/logspace(start, end, steps, base=10) as PyTorch's CPU kernel computes them in float32: the first half
    /// counted up from start, the second down from end, with step (end - start) / (steps - 1); logspace raises base to each.
    /// </summary>
    private string Spaced(bool log, long steps)
    {
        if (DtypeKind("float") != "float")
        {
            throw Refuse($"torch.{(log ? "logspace" : "linspace")} with an integer or bool dtype");
        }

        var start = (float)AsDouble(Get(0, "start"), "start");
        var end = (float)AsDouble(Get(1, "end"), "end");
        var @base = log ? Double(3, "base", 10.0) : 0;
        var step = steps > 1 ? (end - start) / (steps - 1) : 0f;
        var values = new float[steps];
        for (var i = 0L; i < steps; i++)
        {
            var v = i < steps / 2 ? start + (step * i) : end - (step * (steps - i - 1));
            values[i] = log ? (float)Math.Pow(@base, v) : v;
        }

        return b.Floats([steps], values);
    }

    /// <summary>
    /// torch.randint(low=0, high, size) and randint_like(input, low=0, high): floor(u * (high - low)) + low for u uniform
    /// in [0, 1) drawn in float64, so every integer of [low, high) is equally likely (Min keeps a u that rounds up inside).
    /// randint is int64 (or dtype=); randint_like has the input's dtype.
    /// </summary>
    private string RandomIntegers(bool like, Shape output)
    {
        // randint's leading numbers are (high) or (low, high); the size follows them, or comes as size=.
        var numbers = like ? [] : _node.Args.Select(resolve).TakeWhile(v => v is long).ToList();
        var (first, second) = like ? (Get(1, "low"), Get(2, "high")) : numbers.Count switch
        {
            >= 2 => (numbers[0], numbers[1]),
            1 => Get(-1, "low") is { } keyword ? (keyword, numbers[0]) : (numbers[0], null),
            _ => (Get(-1, "low"), Get(-1, "high")),
        };
        var (low, high) = second is null ? (0L, AsLong(first, "high")) : (first is null ? 0 : AsLong(first, "low"), AsLong(second, "high"));
        if (high <= low)
        {
            throw Refuse($"randint from {low} to {high}, an empty range");
        }

        AttributeProto[] range = [Int("dtype", (long)TensorProto.Types.DataType.Double), Float("low", 0), Float("high", 1)];
        string uniform;
        string kind;
        if (like)
        {
            var x = Tensor(0, "input");
            uniform = b.Op("RandomUniformLike", [x], range);
            kind = DtypeKind(b.IsInteger(x) ? "int" : "float");
        }
        else
        {
            uniform = output.IsFullyKnown
                ? b.Op("RandomUniform", [], [.. range, Ints("shape", output.ToLongArray()!)])
                : b.Op("RandomUniformLike", [b.Op("ConstantOfShape", [RuntimeShape(output)], FloatValue(0))], range);
            kind = DtypeKind("int");
        }

        var n = high - low;
        var scale = b.Op("Cast", [b.LongScalar(n)], Int("to", (long)TensorProto.Types.DataType.Double));
        var picked = b.Op("Cast", [b.Op("Floor", [b.Op("Mul", [uniform, scale])])], Int("to", (long)TensorProto.Types.DataType.Int64));
        var integers = b.Op("Add", [b.Op("Min", [picked, b.LongScalar(n - 1)]), b.LongScalar(low)]);
        return kind switch
        {
            "int" => b.MarkInteger(integers),
            "float" => b.Op("Cast", [integers], Int("to", 1)),
            _ => throw Refuse("randint with dtype=torch.bool"),
        };
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
    private string FilledLike(double fill)
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
            value.Int64Data.Add((long)fill);
            return b.MarkInteger(b.Op("ConstantOfShape", [shape], new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = value }));
        }

        var made = b.Op("ConstantOfShape", [shape], FloatValue(kind == "bool" && fill != 0 ? 1 : fill));
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

    private object? Get(int index, string name) => NodeArguments.Get(_node, index, name, resolve);

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

    /// <summary>The checked shapes of a list of tensors (torch.hstack([a, b])).</summary>
    private List<Shape> TensorListShapes(int index)
    {
        var arg = index < _node.Args.Count ? _node.Args[index] : _node.Kwargs.FirstOrDefault(k => k.Key == "tensors").Value;
        return arg is ListArg list
            ? [.. list.Items.Select(i => i is NodeRefArg r ? CommonOps.ShapeOf(r.Node, _node) : throw Refuse("tensors holds a value that is not a tensor"))]
            : throw Refuse("tensors is not a list of tensors");
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
        // The structural ops of issue #9's second round (reductions, products, shape moves, pools, factories).
        string[] structuralFunctions =
        [
            "abs", "torch.FloatTensor", "torch.LongTensor", "torch.Tensor.dim", "torch.adaptive_avg_pool1d",
            "torch.addmm", "torch.all", "torch.any", "torch.argmin", "torch.argsort", "torch.as_tensor", "torch.avg_pool1d", "torch.baddbmm",
            "torch.batch_norm", "torch.bernoulli", "torch.conv1d", "torch.conv2d", "torch.conv3d", "torch.conv_transpose1d",
            "torch.conv_transpose2d", "torch.conv_transpose3d", "torch.count_nonzero", "torch.dot", "torch.einsum", "torch.empty",
            "torch.empty_like", "torch.full_like", "torch.ger", "torch.group_norm", "torch.hstack", "torch.inner", "torch.kthvalue",
            "torch.layer_norm", "torch.linspace", "torch.logspace", "torch.logsumexp", "torch.max_pool1d", "torch.max_pool2d", "torch.max_pool3d",
            "torch.median", "torch.mode", "torch.moveaxis", "torch.movedim", "torch.mv", "torch.nanmean", "torch.nanmedian", "torch.nansum",
            "torch.nn.functional.adaptive_avg_pool3d", "torch.nn.functional.adaptive_max_pool3d", "torch.nn.functional.avg_pool3d",
            "torch.nn.functional.group_norm", "torch.nn.functional.max_pool3d", "torch.norm", "torch.outer", "torch.prod", "torch.randint",
            "torch.randint_like", "torch.sort", "torch.swapaxes", "torch.swapdims", "torch.t", "torch.tensor", "torch.tensor_split", "torch.tile",
            "torch.topk", "torch.unflatten", "torch.vstack",
        ];
        string[] structuralMethods =
        [
            "__matmul__", "addmm", "all", "any", "argmin", "argsort", "baddbmm", "count_nonzero", "dot", "ger", "inner", "kthvalue", "logsumexp",
            "median", "mode", "moveaxis", "movedim", "mv", "nanmean", "nanmedian", "nansum", "nelement", "new_empty", "new_full", "new_ones",
            "new_zeros", "norm", "outer", "prod", "sort", "swapaxes", "swapdims", "tensor_split", "tile", "topk", "unflatten",
            "t_", "transpose_", "squeeze_", "unsqueeze_",
        ];
        string[] operators = ["matmul", "imatmul", "neg", "pos", "getitem", "[]", "invert", "~", "gt", "lt", "ge", "le", "eq", "ne"];
        return [.. names.Concat(structuralFunctions).Select(n => "function:" + n).Concat(methods.Concat(structuralMethods).Select(m => "method:" + m)).Concat(operators.Select(o => "operator:" + o))
            .Concat(Unary.Keys.SelectMany(u => new[] { "function:torch." + u, "function:" + Fn + u, "method:" + u }))
            .Concat(Reductions.Keys.SelectMany(r => new[] { "function:torch." + r, "method:" + r }))
            .Concat(ArithmeticOps.Targets.Keys).Concat(ElementwiseMapper.Targets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
