using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// The binder: an abstract interpreter over a parsed Python file. It never runs the file: module-level code is read for
/// imports, classes, functions and constants; <c>__init__</c> runs with concrete Python values (so layers are constructed
/// with their real arguments); <c>forward</c> runs with abstract tensors, whose shapes the layer and op rules compute.
/// Calls into torch go through <see cref="TorchTable"/>; what it cannot follow becomes <see cref="PyUnknown"/> with one
/// note, and nothing that depends on it is checked. Work is capped by <see cref="BinderLimits"/>.
/// </summary>
public sealed partial class Interpreter
{
    private readonly string _text;
    private readonly Func<TextRange, SourceSpan> _toSpan;
    private readonly TorchTable _table;
    private readonly BinderLimits _limits;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<string> _reportKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<Expr, ConstructionSite> _sites = new(ReferenceEqualityComparer.Instance);
    private readonly List<Frame> _frames = [];
    private readonly List<(SourceSpan Span, string Name, Dataflow.Node? Node)> _moduleCalls = [];
    private int _steps;
    private int _expressionDepth;
    private bool _limitReached;
    private bool _raised;
    private SourceSpan _statementSpan;
    private int _statementOffset;

    public Interpreter(string text, Func<TextRange, SourceSpan> toSpan, TorchTable? table = null, BinderLimits? limits = null)
    {
        _text = text;
        _toSpan = toSpan;
        _table = table ?? TorchTable.Default;
        _limits = limits ?? BinderLimits.Default;
        Globals = new Scope(null, null);
    }

    /// <summary>The module's global names (imports, classes, functions, constants).</summary>
    public Scope Globals { get; }

    /// <summary>The graph nodes are recorded into while set (during <c>forward</c>); null records nothing.</summary>
    public DataflowGraph? Graph { get; set; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>What <c>self.training</c> reads: True while binding the training-mode graph (the default), False for eval mode.</summary>
    public bool TrainingMode { get; private set; } = true;

    /// <summary>True once <c>forward</c> (or anything it calls) read <c>self.training</c>: its graph may differ per mode.</summary>
    public bool TrainingFlagRead { get; private set; }

    /// <summary>While set, the key (<see cref="KeyOf"/>) of every diagnostic reported, also of those already reported before.</summary>
    private HashSet<string>? _runKeys;

    /// <summary>The identity of a diagnostic: reported once per code, place and message.</summary>
    public static string KeyOf(Diagnostic diagnostic) => $"{diagnostic.Code}|{diagnostic.Span}|{diagnostic.Message}";

    /// <summary>
    /// Starts binding <c>forward</c> in one mode: <c>self.training</c> reads <paramref name="training"/>, and the keys of
    /// every diagnostic reported from now on (new or repeated) are collected into <paramref name="reported"/>.
    /// </summary>
    public void BeginMode(bool training, HashSet<string>? reported)
    {
        TrainingMode = training;
        _runKeys = reported;
        _raised = false;
    }

    /// <summary>True once the work limit stopped the interpretation.</summary>
    public bool LimitReached => _limitReached;

    public TorchTable Table => _table;

    /// <summary>The source text of a node as written.</summary>
    public string TextOf(Python.Syntax.Node node) => TextOf(node.Range);

    public string TextOf(TextRange range)
    {
        var start = Math.Clamp(range.Start, 0, _text.Length);
        var end = Math.Clamp(range.End, start, _text.Length);
        return _text.Substring(start, end - start);
    }

    public SourceSpan SpanOf(Python.Syntax.Node node) => _toSpan(node.Range);

    public SourceSpan SpanOf(TextRange range) => _toSpan(range);

    /// <summary>Adds a diagnostic once (the same code, place and message from a loop or a reused module is reported once), with the module call chain.</summary>
    public void Report(Diagnostic diagnostic)
    {
        var key = KeyOf(diagnostic);
        _runKeys?.Add(key);
        if (!_reportKeys.Add(key))
        {
            return;
        }

        if (diagnostic.Severity != Severity.Info && _moduleCalls.Count > 0)
        {
            // The call chain, outermost first; calls made at the same place (a Sequential calling its children) share one
            // location: "layer2 → layer2.0 called here".
            var related = new List<RelatedLocation>(diagnostic.Related);
            var names = new List<string>();
            for (var i = 0; i < _moduleCalls.Count; i++)
            {
                var (span, name, _) = _moduleCalls[i];
                names.Add(name);
                var last = i == _moduleCalls.Count - 1 || _moduleCalls[i + 1].Span != span;
                if (last)
                {
                    if (span != diagnostic.Span && !span.IsNone)
                    {
                        related.Add(new RelatedLocation(span, $"{string.Join(" → ", names)} called here"));
                    }

                    names.Clear();
                }
            }

            diagnostic = diagnostic with { Related = related };
        }

        _diagnostics.Add(diagnostic);
    }

    /// <summary>A note that <paramref name="what"/> at <paramref name="span"/> is not followed (once per place and thing).</summary>
    public void Note(SourceSpan span, string what, string why) =>
        Report(Diagnostic.Create(DiagnosticCatalog.NotFollowed, span.IsNone ? _statementSpan : span, what, why));

    /// <summary>The place the current statement is written (for values made without an expression of their own).</summary>
    public SourceSpan StatementSpan => _statementSpan;

    /// <summary>
    /// Records a graph node while a graph is being built; null otherwise. <paramref name="args"/> and
    /// <paramref name="kwargs"/> are torch.fx's (the tensors passed when not given); an operator's symbol becomes its name
    /// in Python's <c>operator</c> module, and a tensor's <c>__getitem__</c> the operator <c>getitem</c>.
    /// </summary>
    public Dataflow.Node? Record(NodeKind kind, string target, SourceSpan span, IReadOnlyList<PyTensor> inputs, Shape? shape, string argumentText, ModuleInfo? module = null,
        IReadOnlyList<NodeArg>? args = null, IReadOnlyList<KeyValuePair<string, NodeArg>>? kwargs = null)
    {
        if (Graph is null)
        {
            return null;
        }

        if (kind == NodeKind.Operator || target == "__getitem__")
        {
            kind = NodeKind.Operator;
            target = OperatorNames.FromSymbol(target);
        }

        var inputNodes = new List<Dataflow.Node>(inputs.Count);
        foreach (var t in inputs)
        {
            if (t.Node is { } n)
            {
                inputNodes.Add(n);
            }
        }

        if (args is null)
        {
            var made = new NodeArg[inputs.Count];
            for (var i = 0; i < made.Length; i++)
            {
                made[i] = ToArg(inputs[i]);
            }

            args = made;
        }
        else
        {
            AddReferences(args, inputNodes);
            if (kwargs is not null)
            {
                foreach (var kv in kwargs)
                {
                    AddReference(kv.Value, inputNodes);
                }
            }
        }

        var chain = _moduleCalls.Count == 0 ? [] : CurrentChain();
        var node = Graph.Add(kind, target, inputNodes, span, chain, argumentText, module);
        node.Args = args;
        if (kwargs is not null)
        {
            node.Kwargs = kwargs;
        }

        node.Value = shape is null ? new UnknownValue("shape not known") : new TensorValue(shape);
        return node;
    }

    private static void AddReferences(IReadOnlyList<NodeArg> args, List<Dataflow.Node> into)
    {
        foreach (var a in args)
        {
            AddReference(a, into);
        }
    }

    private static void AddReference(NodeArg arg, List<Dataflow.Node> into)
    {
        switch (arg)
        {
            case NodeRefArg r when !into.Contains(r.Node):
                into.Add(r.Node);
                break;
            case ListArg l:
                AddReferences(l.Items, into);
                break;
            case SliceArg s:
                foreach (var part in new[] { s.Start, s.Stop, s.Step })
                {
                    if (part is not null)
                    {
                        AddReference(part, into);
                    }
                }

                break;
        }
    }

    private List<Dataflow.Node> CurrentChain()
    {
        var chain = new List<Dataflow.Node>(_moduleCalls.Count);
        foreach (var call in _moduleCalls)
        {
            if (call.Node is { } n)
            {
                chain.Add(n);
            }
        }

        return chain;
    }

    /// <summary>
    /// A tensor made by an op from <paramref name="from"/>: the node recorded, and the batch dimension, flatten source and
    /// spatial mark carried over while the shape keeps them.
    /// </summary>
    public PyTensor MakeTensor(NodeKind kind, string target, SourceSpan span, Shape? shape, PyTensor? from, IReadOnlyList<PyTensor> inputs, string argumentText,
        IReadOnlyList<NodeArg>? args = null, IReadOnlyList<KeyValuePair<string, NodeArg>>? kwargs = null, ModuleInfo? module = null)
    {
        var node = Record(kind, target, span, inputs, shape, argumentText, module, args, kwargs);
        if (from is null)
        {
            return new PyTensor(shape, node);
        }

        var same = shape is not null && from.Shape is not null && shape.Equals(from.Shape);
        var batch = -1;
        if (from.BatchAxis >= 0 && shape is not null && from.Shape is not null && from.BatchAxis < shape.Rank && shape.Rank == from.Shape.Rank
            && shape[from.BatchAxis].SameAs(from.Shape[from.BatchAxis]))
        {
            batch = from.BatchAxis;
        }

        return new PyTensor(shape, node)
        {
            BatchAxis = batch,
            FlattenedFrom = same ? from.FlattenedFrom : null,
            IsSpatial = same && from.IsSpatial,
            Origin = from.Origin,
        };
    }

    /// <summary>Counts one step of work; false (and a note, once) when the limit is reached.</summary>
    private bool Step()
    {
        if (_limitReached)
        {
            return false;
        }

        if (++_steps <= _limits.MaxSteps)
        {
            return true;
        }

        StopAtLimit($"more than {_limits.MaxSteps} steps");
        return false;
    }

    private void StopAtLimit(string why)
    {
        if (_limitReached)
        {
            return;
        }

        _limitReached = true;
        Report(Diagnostic.Create(DiagnosticCatalog.WorkLimit, _statementSpan, why));
    }

    private PyUnknown Unknown(string reason, Python.Syntax.Node at) => new(reason, SpanOf(at));
}
