using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python;

/// <summary>
/// torch.fx's ShapeProp for ShapeSafe's graphs: runs a recorded <see cref="DataflowGraph"/> again on new input shapes,
/// node by node, through the same rules that recorded it (the binder's torch table and operators for functions, methods
/// and operators; the layer rules for module calls; sizes read from tensors computed again from the new shapes).
/// A graph recorded at batch 2 thus gives the shapes at batch 3 without reading the source again.
/// </summary>
public static class ShapePropagation
{
    /// <summary>Runs <paramref name="graph"/> with one shape per placeholder, in order.</summary>
    public static ShapePropagationResult Run(DataflowGraph graph, IReadOnlyList<Shape> inputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        var interpreter = Interpreter.ForReplay();
        var values = interpreter.Replay(graph, inputs);
        return new ShapePropagationResult(graph, values, interpreter.Diagnostics);
    }
}
