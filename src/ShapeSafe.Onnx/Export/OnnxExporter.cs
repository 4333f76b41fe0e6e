using ShapeSafe.Shapes;
using Google.Protobuf;
using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Onnx.Proto;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// Writes a checked dataflow graph and its float32 state_dict as an ONNX model (opset 17, IR version 8) in eval mode:
/// one input <c>input</c> (float32, or int64 token ids when only nn.Embedding layers read it) and one output
/// <c>output</c> (or one per tensor of a returned tuple: <c>output</c>, <c>output_1</c>, ...) whose first dimension is the
/// dynamic batch <c>N</c> (float32, an integer result converted); the weights
/// are initializers named by their PyTorch state_dict keys. A node that has no ONNX equivalent gives diagnostic SS0250
/// naming the layer or call and its line, and no model.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the exporter writes.</summary>
    public const int Opset = 17;

    /// <summary>The IR version that goes with <see cref="Opset"/> (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The name of the model's input.</summary>
    public const string InputName = "input";

    /// <summary>The name of the model's output.</summary>
    public const string OutputName = "output";

    /// <summary>The layer types (PyTorch class names) the exporter maps; Lazy layers map as their eager type.</summary>
    public static IReadOnlyList<string> SupportedLayers => [.. LayerMapper.Types, .. OpaqueLayerMapper.Types];

    /// <summary>The functions, methods and operators of a Python forward the exporter maps, as <c>kind:target</c>.</summary>
    public static IReadOnlyList<string> SupportedTargets => OpMapper.Targets;

    /// <summary>
    /// Exports and, only when the export succeeds, writes the model to <paramref name="path"/> atomically (a refused
    /// export leaves no file, and an existing file untouched).
    /// </summary>
    public static OnnxExportResult ExportToFile(DataflowGraph graph, IReadOnlyDictionary<string, NamedTensor> weights, IReadOnlyDictionary<string, string>? metadata, string path)
    {
        var result = Export(graph, weights, metadata);
        if (result.Model is { } model)
        {
            ShapeSafe.IO.AtomicFile.Write(path, stream => model.WriteTo(stream));
        }

        return result;
    }

    /// <summary>Exports <paramref name="graph"/> with <paramref name="weights"/> (state_dict key → tensor) and <paramref name="metadata"/> (metadata_props).</summary>
    public static OnnxExportResult Export(DataflowGraph graph, IReadOnlyDictionary<string, NamedTensor> weights, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var placeholders = graph.Placeholders.ToList();
        if (placeholders.Count != 1 || placeholders[0].Value is not TensorValue { Shape.Rank: > 0 } input)
        {
            var where = placeholders.Count > 1 ? placeholders[1] : graph.Nodes.FirstOrDefault();
            return Refused(where, "forward", $"the model takes {placeholders.Count} inputs; ONNX export takes a model with one tensor input");
        }

        // Token ids: an input that only nn.Embedding layers read is int64 (PyTorch's Embedding takes integer indices).
        var readers = graph.Nodes.Where(n => n.Kind != NodeKind.Output && (n.Inputs.Contains(placeholders[0]) || n.Args.Any(a => a is NodeRefArg r && r.Node == placeholders[0]))).ToList();
        var integerInput = readers.Count > 0 && readers.All(n => (n.Kind == NodeKind.CallModule && n.Module is { Entry: null, Type: "Embedding" })
            || (n.Kind == NodeKind.CallFunction && n.Target == "torch.nn.functional.embedding" && n.Args.Count > 0 && n.Args[0] is NodeRefArg { Node: var ids } && ids == placeholders[0]));
        var b = new OnnxGraphBuilder(weights, input.Shape[0]);
        if (integerInput)
        {
            b.MarkInteger(InputName);
        }

        var names = new Dictionary<int, string>();
        var items = new Dictionary<int, string[]>();
        var mapper = new OpMapper(b, Resolve);
        List<string>? output = null;
        try
        {
            foreach (var node in graph.Nodes)
            {
                b.Current = node;
                switch (node.Kind)
                {
                    case NodeKind.Placeholder:
                        names[node.Index] = InputName;
                        break;
                    case NodeKind.Output:
                    {
                        var returned = node.Args.Count > 0 ? node.Args[0] : new NodeRefArg(node.Inputs.Count == 1 ? node.Inputs[0] : node);
                        output = [];
                        if (!Tensors(returned, output))
                        {
                            throw NotFollowed(node) ?? new UnmappableException(node, "forward returns something other than a tensor or a tuple of tensors");
                        }

                        break;
                    }

                    case NodeKind.GetAttr when node.Value is TensorValue:
                        names[node.Index] = b.HasWeight(node.Target)
                            ? b.Weight(node.Target).Name
                            : throw new UnmappableException(node, $"self.{node.Target} is a tensor attribute outside the state_dict, so the weights do not carry its values");
                        break;
                    case NodeKind.GetAttr:
                        break;
                    case NodeKind.CallModule:
                        if (node.Module is not { } module)
                        {
                            throw new UnmappableException(node, "the graph does not say which module this calls");
                        }

                        if (module.Entry is null && OpaqueLayerMapper.Types.Contains(module.Type))
                        {
                            if (node.SameCallAs is { } same)
                            {
                                // Another item of a call already exported (the h_n of `out, h = self.rnn(x)`).
                                if (items.TryGetValue(same.Index, out var made) && node.Item < made.Length)
                                {
                                    names[node.Index] = made[node.Item];
                                }

                                break;
                            }

                            var call = new OpaqueCall(node, [.. node.Args.Select(Resolve)], node.Kwargs.ToDictionary(k => k.Key, k => Resolve(k.Value), StringComparer.Ordinal));
                            var produced = OpaqueLayerMapper.Map(b, node, module, call);
                            items[node.Index] = produced;
                            names[node.Index] = produced[Math.Max(node.Item, 0)];
                            break;
                        }

                        if (module.Entry is null)
                        {
                            break;
                        }

                        if (!LayerMapper.Types.Contains(module.Entry.Rule.Type))
                        {
                            throw new UnmappableException(node, $"the layer {module.Type} has no ONNX mapping in ShapeSafe");
                        }

                        var inputArg = node.Args.Count > 0 ? node.Args[0] : node.Inputs.Count > 0 ? new NodeRefArg(node.Inputs[0]) : null;
                        if (inputArg is not NodeRefArg { Node: var inputNode } || Resolve(inputArg) is not TensorRef x || node.Args.Count > 1)
                        {
                            throw new UnmappableException(node, "the layer is not called on one tensor");
                        }

                        names[node.Index] = LayerMapper.Map(b, node, module, inputNode, x.Name);
                        break;
                    default:
                        if (node.SameCallAs is { } first)
                        {
                            if (items.TryGetValue(first.Index, out var produced) && node.Item < produced.Length)
                            {
                                names[node.Index] = produced[node.Item];
                            }

                            break;
                        }

                        if (OpMapper.IsSizeOnly(node) || (node.Value is not TensorValue && node.Item < 0))
                        {
                            break;
                        }

                        var outputs = mapper.Map(node);
                        if (node.Item >= 0)
                        {
                            items[node.Index] = outputs;
                            names[node.Index] = outputs[node.Item];
                        }
                        else
                        {
                            names[node.Index] = outputs[0];
                        }

                        if (ElementwiseMapper.WritesInto(node) is { } written && names.ContainsKey(written.Index))
                        {
                            // An in-place op (x.exp_(), F.relu(x, inplace=True)): later reads of x see the new value.
                            foreach (var same in ElementwiseMapper.SameTensor(graph.Nodes, node, written))
                            {
                                if (names.ContainsKey(same.Index))
                                {
                                    names[same.Index] = names[node.Index];
                                }
                            }

                        }

                        break;
                }
            }

            var shapes = new List<Shape>();
            if (output is null || output.Count == 0 || graph.Output is null || !ShapesOf(graph.Output.Value, shapes) || shapes.Count != output.Count)
            {
                throw new UnmappableException(graph.Nodes[^1], "forward returns no tensor");
            }

            b.Graph.Input.Add(ValueInfo(InputName, input.Shape, b, integerInput ? TensorProto.Types.DataType.Int64 : TensorProto.Types.DataType.Float));
            for (var i = 0; i < output.Count; i++)
            {
                // A tuple's items are output, output_1, output_2, ... in the order forward returns them (flattened).
                var name = OutputNameOf(i);
                var identity = new NodeProto { OpType = "Identity", Name = name + "_identity" };
                // An int64 result (argmax, an integer arange) is written as float32, as every output of the file is.
                identity.Input.Add(b.AsFloat(output[i]));
                identity.Output.Add(name);
                b.Graph.Node.Add(identity);
                b.Graph.Output.Add(ValueInfo(name, shapes[i], b, TensorProto.Types.DataType.Float));
            }
        }
        catch (UnmappableException e)
        {
            return Refused(e.Node, Label(e.Node), e.Reason);
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ShapeSafe",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            ModelVersion = 1,
            Graph = b.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return new OnnxExportResult(model, []);

        object? Resolve(NodeArg arg) => arg switch
        {
            NodeRefArg r => r.Node.Value switch
            {
                TensorValue => names.TryGetValue(r.Node.Index, out var name) ? new TensorRef(name) : throw new UnmappableException(r.Node, $"{Label(r.Node)} has no ONNX mapping in ShapeSafe, so the tensor it makes cannot be exported"),
                SizeValue s => s.Size.IsKnown ? s.Size.Value : new SymbolicSize(s.Size),
                ConstantValue c => Plain(c.Value),
                SequenceValue q => q.Items.Select(i => i switch
                {
                    SizeValue { Size.IsKnown: true } s => (object?)s.Size.Value,
                    SizeValue s => new SymbolicSize(s.Size),
                    ConstantValue c => Plain(c.Value),
                    _ => null,
                }).ToList(),
                _ => null,
            },
            ConstArg c => Plain(c.Value),
            ListArg l => l.Items.Select(Resolve).ToList(),
            SliceArg s => new SliceValue(Bound(s.Start), Bound(s.Stop), Bound(s.Step)),
            TrainingFlagArg => false,
            _ => null,
        };

        bool Tensors(NodeArg arg, List<string> into)
        {
            switch (arg)
            {
                case NodeRefArg { Node.Value: TensorValue } r:
                    into.Add(((TensorRef)Resolve(r)!).Name);
                    return true;
                case ListArg l:
                    return l.Items.All(i => Tensors(i, into));
                default:
                    return false;
            }
        }

        long? Bound(NodeArg? arg) => arg is null ? null : Resolve(arg) switch
        {
            null => null,
            long l => l,
            var v => throw new UnmappableException(b.Current, $"a slice bound {v} that is not a fixed integer"),
        };
    }

    /// <summary>
    /// The first call (in forward's order) whose result the check did not follow and that the returned value depends on:
    /// the exporter refuses there, naming that call and its line, rather than at the return. Null when there is none.
    /// </summary>
    private static UnmappableException? NotFollowed(Node output)
    {
        var seen = new HashSet<int>();
        var pending = new Stack<Node>([output]);
        Node? first = null;
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!seen.Add(node.Index))
            {
                continue;
            }

            if (node.Value is UnknownValue && node.Kind != NodeKind.Output && (first is null || node.Index < first.Index))
            {
                first = node;
            }

            foreach (var input in node.Inputs)
            {
                pending.Push(input);
            }
        }

        return first is { Value: UnknownValue unknown }
            ? new UnmappableException(first, $"the check did not follow its result ({unknown.Reason}), so the exporter has no shape for it")
            : output.Value is UnknownValue returned
                ? new UnmappableException(output, $"forward returns a value the check did not follow ({returned.Reason}); see the check's warnings")
                : null;
    }

    /// <summary>The name of output <paramref name="index"/>: <c>output</c>, then <c>output_1</c>, <c>output_2</c>, ...</summary>
    public static string OutputNameOf(int index) => index == 0 ? OutputName : $"{OutputName}_{index}";

    private static bool ShapesOf(GraphValue value, List<Shape> into)
    {
        switch (value)
        {
            case TensorValue t:
                into.Add(t.Shape);
                return true;
            case SequenceValue q:
                return q.Items.All(i => ShapesOf(i, into));
            default:
                return false;
        }
    }

    private static object? Plain(object? value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        var v => v,
    };

    private static ValueInfoProto ValueInfo(string name, Shape shape, OnnxGraphBuilder b, TensorProto.Types.DataType type)
    {
        var tensorShape = new TensorShapeProto();
        for (var i = 0; i < shape.Rank; i++)
        {
            var d = shape[i];
            tensorShape.Dim.Add((i == 0 || b.Batch.IsSymbolic) && b.IsBatch(d) ? new TensorShapeProto.Types.Dimension { DimParam = "N" }
                : d.IsKnown ? new TensorShapeProto.Types.Dimension { DimValue = d.Value }
                : new TensorShapeProto.Types.Dimension { DimParam = "d" + i });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }

    private static string Label(Node node) => node.Kind switch
    {
        NodeKind.CallModule when node.Module is { } m => $"{m.QualifiedName} ({m.Type})",
        NodeKind.CallMethod => "Tensor." + node.Target,
        NodeKind.Operator => "operator " + (OperatorNames.ToSymbol(node.Target) ?? node.Target),
        NodeKind.GetAttr => "self." + node.Target,
        _ => node.Target,
    };

    private static OnnxExportResult Refused(Node? node, string what, string reason)
    {
        var span = node?.Span ?? Syntax.SourceSpan.None;
        return new OnnxExportResult(null, [Diagnostic.Create(DiagnosticCatalog.OnnxUnmappable, span, what, span.Line, reason)]);
    }
}
