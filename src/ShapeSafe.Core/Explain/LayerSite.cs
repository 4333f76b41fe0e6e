using ShapeSafe.Dataflow;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Explain;

/// <summary>
/// One call of a known layer in a checked model's graph, as the explain matcher reads it: the module (its qualified name,
/// constructor and arguments), the line it is constructed on and the line it is called on, and the shape it receives.
/// </summary>
internal sealed record LayerSite(ModuleInfo Module, Node Call)
{
    public string Name => Module.QualifiedName;

    public string Type => Module.Entry?.Type ?? Module.Type;

    /// <summary>The rule's type without Lazy (LazyLinear → Linear).</summary>
    public string BaseType => Module.Entry?.Rule.Type ?? (Type.StartsWith("Lazy", StringComparison.Ordinal) ? Type[4..] : Type);

    /// <summary>The line the module is constructed on (where a fix edits), else the call's line.</summary>
    public int Line => Module.Constructor?.Line ?? Call.Span.Line;

    public string LineText => Module.Constructor?.LineText ?? string.Empty;

    /// <summary>The shape the call receives, when it is one known tensor.</summary>
    public Shape? Input => Call.Inputs.Count > 0 && Call.Inputs[0].Value is TensorValue t ? t.Shape : null;

    /// <summary>An int argument as written or defaulted, else the size inferred for it (Lazy layers).</summary>
    public long? Int(string name) =>
        Module.Args?[name] is { Kind: ArgKind.Int } v ? v.Int
        : Module.Inferred.TryGetValue(name, out var inferred) ? inferred
        : null;

    public long[]? Tuple(string name, int rank)
    {
        var v = Module.Args?[name];
        return v switch
        {
            { Kind: ArgKind.Int } => Enumerable.Repeat(v.Int, rank).ToArray(),
            { Kind: ArgKind.Tuple } when v.Items.All(i => i.Kind == ArgKind.Int) => v.Items.Select(i => i.Int).ToArray(),
            _ => null,
        };
    }

    /// <summary>The known layer calls of a graph, in order.</summary>
    public static List<LayerSite> Of(DataflowGraph? graph)
    {
        var sites = new List<LayerSite>();
        foreach (var node in graph?.Nodes ?? [])
        {
            if (node is { Kind: NodeKind.CallModule, Module: { Entry: not null } module })
            {
                sites.Add(new LayerSite(module, node));
            }
        }

        return sites;
    }
}
