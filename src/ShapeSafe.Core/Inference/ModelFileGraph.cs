using ShapeSafe.Dataflow;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>
/// Lowers a checked model file into the dataflow graph every front-end shares: the file is an <c>nn.Sequential</c> whose
/// children are its layers, named as the built module names them (the layer's name, else <c>Type_index</c>); a line that
/// reuses a layer calls the same module again. The graph is a chain: input, one module call per line (its args the previous node), output.
/// </summary>
public static class ModelFileGraph
{
    public static DataflowGraph Lower(CheckResult result)
    {
        var root = new ModuleInfo(string.Empty, "Sequential", null);
        var graph = new DataflowGraph(root);
        var byLine = new Dictionary<int, ModuleInfo>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var previous = graph.Add(NodeKind.Placeholder, "input", [], result.File.Input?.ShapeSpan ?? SourceSpan.None, [], string.Empty);
        previous.Value = result.Input is { } input ? new TensorValue(input) : new UnknownValue("no input shape");
        for (var index = 0; index < result.Layers.Count; index++)
        {
            var layer = result.Layers[index];
            var call = layer.Call;
            if (call.ReusedFrom is not { } definedOn || !byLine.TryGetValue(definedOn, out var module))
            {
                module = new ModuleInfo(ChildName(call, index, used), layer.Entry?.Type ?? call.Type, root)
                {
                    Constructor = call,
                    Entry = layer.Entry,
                    Args = layer.Args,
                    OwnParameters = layer.Outcome?.Parameters ?? 0,
                    Inferred = layer.Outcome?.Inferred ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty,
                };
                root.AddChild(module);
                byLine[call.Line] = module;
            }

            var node = graph.Add(NodeKind.CallModule, module.QualifiedName, [previous], call.CallSpan, [], string.Empty, module);
            node.Args = [new NodeRefArg(previous)];
            node.Value = (layer.Output ?? layer.AssumedOutput) is { } shape ? new TensorValue(shape) : new UnknownValue("checking stopped before this layer");
            previous = node;
        }

        var output = graph.Add(NodeKind.Output, "output", [previous], SourceSpan.None, [], string.Empty);
        output.Args = [new NodeRefArg(previous)];
        output.Value = result.Output is { } o ? new TensorValue(o) : new UnknownValue("the model has errors");
        return graph;
    }

    /// <summary>The child's name in the built Sequential: the layer's name, else <c>Type_index</c>; a name taken twice gets <c>_lineN</c>.</summary>
    public static string ChildName(LayerCall call, int index, HashSet<string> used)
    {
        var name = call.Name ?? $"{call.Type}_{index}";
        if (!used.Add(name))
        {
            name = $"{name}_line{call.Line}";
            used.Add(name);
        }

        return name;
    }
}
