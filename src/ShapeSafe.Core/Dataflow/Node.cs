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

    /// <summary>
    /// For a call that returns several tensors (<c>torch.split</c>, <c>chunk</c>, <c>topk</c>, <c>max(x, dim)</c>, an LSTM): the
    /// position of this node's tensor in the result flattened depth-first (an LSTM's <c>out, (h, c)</c> is 0, 1, 2); -1 for a
    /// call that returns one value. Every item is its own node with the same target and the same <see cref="Args"/>.
    /// </summary>
    public int Item { get; set; } = -1;

    /// <summary>For items after the first of a call that returns several tensors: the node of item 0 (run the call once, there).</summary>
    public Node? SameCallAs { get; set; }

    /// <summary>
    /// For a call of a module whose <c>forward</c> is followed inline (a user class, a Sequential): what its body returned
    /// (a reference to the node inside the body, a tuple of them, or a constant). The body's nodes follow this node and
    /// list it in their <see cref="CallChain"/>; nothing refers to this node itself. Null for every other node.
    /// </summary>
    public NodeArg? Returns { get; set; }

    /// <summary>Non-tensor arguments as written, rendered for display (<c>dim=1</c>, <c>-1, 2048</c>).</summary>
    public string ArgumentText { get; init; } = string.Empty;

    public override string ToString() => $"%{Index} = {Kind} {Target}({ArgumentText}) -> {Value}";
}
