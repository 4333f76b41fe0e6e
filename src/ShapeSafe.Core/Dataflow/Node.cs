using ShapeSafe.Syntax;

namespace ShapeSafe.Dataflow;

/// <summary>
/// One operation of a dataflow graph (torch.fx's Node): what it does, which nodes it reads, the
/// abstract value it produced, and where it is written in the source.
/// </summary>
public sealed class Node
{
    public Node(int index, NodeKind kind, string target, IReadOnlyList<Node> inputs)
    {
        Index = index;
        Kind = kind;
        Target = target;
        Inputs = inputs;
    }

    /// <summary>The position in <see cref="DataflowGraph.Nodes"/> (topological order).</summary>
    public int Index { get; }

    public NodeKind Kind { get; }

    /// <summary>The module's qualified name, the function's or method's name, or the operator.</summary>
    public string Target { get; }

    /// <summary>The nodes whose values this node reads, in argument order.</summary>
    public IReadOnlyList<Node> Inputs { get; }

    /// <summary>The module called, for <see cref="NodeKind.CallModule"/>.</summary>
    public ModuleInfo? Module { get; init; }

    /// <summary>The value produced; an <see cref="UnknownValue"/> where the engine could not follow it.</summary>
    public GraphValue Value { get; set; } = new UnknownValue("not evaluated");

    /// <summary>Where the call is written (the statement in <c>forward</c>, or the model-file line).</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The module calls this node runs inside, outermost first (<c>layer2</c> → <c>layer2.0</c>), for call chains.</summary>
    public IReadOnlyList<Node> CallChain { get; init; } = [];

    /// <summary>
    /// The positional arguments (torch.fx's <c>args</c>): for a method, the tensor it is called on first; for a module
    /// call, the inputs; for an operator, its operands. Empty where the binder did not record them.
    /// </summary>
    public IReadOnlyList<NodeArg> Args { get; set; } = [];

    /// <summary>The keyword arguments (torch.fx's <c>kwargs</c>), in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, NodeArg>> Kwargs { get; set; } = [];

    /// <summary>Non-tensor arguments as written, rendered for display (<c>dim=1</c>, <c>-1, 2048</c>).</summary>
    public string ArgumentText { get; init; } = string.Empty;

    public override string ToString() => $"%{Index} = {Kind} {Target}({ArgumentText}) -> {Value}";
}
