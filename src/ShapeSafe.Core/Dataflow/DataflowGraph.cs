namespace ShapeSafe.Dataflow;

/// <summary>
/// The one IR every front-end lowers to (torch.fx's GraphModule): a module tree and a graph of nodes in
/// topological order. Model files lower to a chain of module calls; Python files to whatever <c>forward</c> does.
/// </summary>
public sealed class DataflowGraph
{
    private readonly List<Node> _nodes = [];

    public DataflowGraph(ModuleInfo root) => Root = root;

    /// <summary>The model itself (the <c>nn.Module</c> subclass, or the model file's implicit Sequential).</summary>
    public ModuleInfo Root { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public IEnumerable<Node> Placeholders => _nodes.Where(n => n.Kind == NodeKind.Placeholder);

    public Node? Output => _nodes.LastOrDefault(n => n.Kind == NodeKind.Output);

    /// <summary>Every module of the tree, each once, in registration order (as <c>named_modules()</c>).</summary>
    public IEnumerable<ModuleInfo> Modules
    {
        get
        {
            var seen = new HashSet<ModuleInfo>(ReferenceEqualityComparer.Instance);
            var stack = new Stack<ModuleInfo>();
            stack.Push(Root);
            while (stack.Count > 0)
            {
                var m = stack.Pop();
                if (!seen.Add(m))
                {
                    continue;
                }

                yield return m;
                for (var i = m.Children.Count - 1; i >= 0; i--)
                {
                    stack.Push(m.Children[i]);
                }
            }
        }
    }

    /// <summary>Statements of forward whose control flow the graph does not follow (they depend on tensor values), in source order of recording.</summary>
    public List<UnfollowedStatement> Unfollowed { get; } = [];

    /// <summary>Adds a node at the end and returns it; <paramref name="make"/> receives the node's index.</summary>
    public Node Add(Func<int, Node> make)
    {
        var node = make(_nodes.Count);
        if (node.Index != _nodes.Count)
        {
            throw new ArgumentException("a node's index must be its position in the graph", nameof(make));
        }

        _nodes.Add(node);
        return node;
    }

    /// <summary>Adds a node at the end and returns it (the binder's form: no delegate per node).</summary>
    public Node Add(NodeKind kind, string target, IReadOnlyList<Node> inputs, ShapeSafe.Syntax.SourceSpan span, IReadOnlyList<Node> callChain, string argumentText, ModuleInfo? module = null)
    {
        var node = new Node(_nodes.Count, kind, target, inputs)
        {
            Span = span,
            CallChain = callChain,
            ArgumentText = argumentText,
            Module = module,
        };
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// The front-end's values behind constants it could only describe (<c>torch.float32</c>, a function passed as an
    /// argument), so the graph can be run again through the same rules; keyed by the <see cref="ConstArg"/> object.
    /// </summary>
    internal Dictionary<NodeArg, object> Opaques { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The constants that stand for values the front-end could not work out, keyed by the <see cref="ConstArg"/> object.</summary>
    public IReadOnlyDictionary<NodeArg, UnfollowedValue> Unknowns => _unknowns;

    private readonly Dictionary<NodeArg, UnfollowedValue> _unknowns = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks <paramref name="arg"/> as the stand-in for a value the front-end could not work out.</summary>
    internal void AddUnknown(NodeArg arg, UnfollowedValue why) => _unknowns[arg] = why;

    /// <summary>The first value the front-end could not work out inside <paramref name="arg"/> (lists and slices included), or null.</summary>
    public UnfollowedValue? FirstUnknown(NodeArg? arg) =>
        arg switch
        {
            null => null,
            ConstArg when _unknowns.TryGetValue(arg, out var why) => why,
            ListArg list => list.Items.Select(FirstUnknown).FirstOrDefault(u => u is not null),
            SliceArg slice => FirstUnknown(slice.Start) ?? FirstUnknown(slice.Stop) ?? FirstUnknown(slice.Step),
            _ => null,
        };

    /// <summary>The module with this qualified name, or null.</summary>
    public ModuleInfo? FindModule(string qualifiedName) => Modules.FirstOrDefault(m => m.QualifiedName == qualifiedName);

    /// <summary>The nodes in torch.fx's printed form, one a line.</summary>
    public override string ToString() => string.Join("\n", _nodes);
}
