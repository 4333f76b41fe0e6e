using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python;

/// <summary>The values <see cref="ShapePropagation"/> computed: one per node of the graph (by index), and what went wrong.</summary>
public sealed class ShapePropagationResult
{
    internal ShapePropagationResult(DataflowGraph graph, IReadOnlyList<GraphValue> values, IReadOnlyList<Diagnostic> diagnostics)
    {
        Graph = graph;
        Values = values;
        Diagnostics = diagnostics;
    }

    public DataflowGraph Graph { get; }

    /// <summary>Each node's new value, at the node's <see cref="Node.Index"/>.</summary>
    public IReadOnlyList<GraphValue> Values { get; }

    /// <summary>What the rules reported on the new shapes (errors where the model fails on them), at the nodes' spans.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The value of the output node, or null when the graph has none.</summary>
    public GraphValue? Output => Graph.Output is { } output ? Values[output.Index] : null;

    /// <summary>The output's shape when it is one tensor of known shape.</summary>
    public Shape? OutputShape => Output is TensorValue t ? t.Shape : null;

    /// <summary>The value of <paramref name="node"/>.</summary>
    public GraphValue this[Node node] => Values[node.Index];
}
