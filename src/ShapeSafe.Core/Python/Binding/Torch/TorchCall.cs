using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using Node = ShapeSafe.Dataflow.Node;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// One call of a builtin or torch binding: the arguments as Python passed them, where the call is written, and the
/// helpers a binding needs to read arguments by PyTorch's signature and to produce a result (a tensor with its graph
/// node, a failure as a diagnostic, or an honest unknown with a note).
/// </summary>
public sealed class TorchCall
{
    private (NodeArg[] Args, KeyValuePair<string, NodeArg>[] Kwargs)? _nodeArgs;
    private List<Node>? _made;

    internal TorchCall(Interpreter interpreter, string name, NodeKind kind, PyValue? self, CallArgs args, Expr expression)
    {
        Interpreter = interpreter;
        Name = name;
        Kind = kind;
        Self = self;
        Args = args;
        Expression = expression;
        Span = interpreter.SpanOf(expression);
    }

    /// <summary>The module a <see cref="NodeKind.CallModule"/> binding runs (an LSTM, an Embedding), else null.</summary>
    private ModuleInfo? Module => Kind == NodeKind.CallModule && Self is PyModule m ? m.Info : null;

    /// <summary>The node's target: the module's qualified name for a module binding, else <see cref="Name"/>.</summary>
    private string Target => Kind == NodeKind.CallModule && Self is PyModule m ? Interpreter.NameOf(m) : Name;

    /// <summary>The arguments as torch.fx keeps them (computed once per call, shared by every node the call records).</summary>
    internal (NodeArg[] Args, KeyValuePair<string, NodeArg>[] Kwargs) NodeArgs => _nodeArgs ??= Interpreter.ToArgs(Args);

    /// <summary>
    /// Runs the binding and, when it returned several tensors this call recorded (a tuple: <c>split</c>, <c>topk</c>), numbers
    /// their nodes by their place in the result flattened depth-first (<see cref="Node.Item"/>).
    /// </summary>
    internal PyValue Run(BuiltinFunction binding)
    {
        var result = binding(this);
        if (_made is { Count: > 0 } made && result is PyTuple or PyList)
        {
            var flat = new List<PyTensor>();
            PyTensors.Collect(result, flat);
            Node? first = null;
            for (var i = 0; i < flat.Count; i++)
            {
                if (flat[i].Node is { } n && made.Contains(n) && n.Item < 0)
                {
                    n.Item = i;
                    if (first is null)
                    {
                        first = n;
                    }
                    else
                    {
                        n.SameCallAs = first;
                    }
                }
            }
        }

        return result;

    }

    private Node? Made(Node? node)
    {
        if (node is not null)
        {
            (_made ??= []).Add(node);
        }

        return node;
    }

    /// <summary>
    /// A size or a size tuple read from the tensor arguments (<c>x.size(0)</c>, <c>x.numel()</c>, <c>x.size()</c>): recorded as
    /// this call's node (its value a size or a sequence) so it can be computed again for other shapes; as it is otherwise.
    /// </summary>
    public PyValue SizeResult(PyValue value)
    {
        if (Interpreter.Graph is null || FirstTensor() is not { Node: not null })
        {
            return value;
        }

        var (args, kwargs) = NodeArgs;
        return Interpreter.SizeNode(Kind, Name, Span, args, kwargs, value);
    }

    /// <summary>The expression of the call (or operator) as written.</summary>
    public Expr Expression { get; }

    public Interpreter Interpreter { get; }

    /// <summary>The canonical name (<c>torch.cat</c>) or the method name (<c>view</c>).</summary>
    public string Name { get; }

    public NodeKind Kind { get; }

    /// <summary>The value a method is called on (also passed as the first positional argument for Tensor methods).</summary>
    public PyValue? Self { get; }

    public CallArgs Args { get; }

    /// <summary>The call as written (where PyTorch raises).</summary>
    public SourceSpan Span { get; }

    /// <summary>The name as written in messages: <c>torch.cat</c>, <c>F.relu</c> (as canonical) or <c>Tensor.view</c>.</summary>
    public string DisplayName => Kind == NodeKind.CallMethod ? "Tensor." + Name : Name;

    public PyValue? Arg(int position, string? name) => Args.Get(position, name);

    public PyTensor? Tensor(int position, string? name) => Args.Get(position, name) as PyTensor;

    /// <summary>True when the argument is absent or None.</summary>
    public bool IsNone(int position, string? name) => Args.Get(position, name) is null or PyNone;

    /// <summary>An int argument: its value when given and known, <paramref name="fallback"/> when absent or None, null when unknown.</summary>
    public long? Long(int position, string? name, long? fallback = null) => Args.Get(position, name) switch
    {
        null or PyNone => fallback,
        var v => PyNumbers.ToLong(v),
    };

    /// <summary>An int argument as a size (known or symbolic); null when absent or not an int.</summary>
    public Dim? Dim(int position, string? name) => Args.Get(position, name) is { } v ? PyNumbers.ToDim(v) : null;

    /// <summary>A bool argument; <paramref name="fallback"/> when absent; null when not known.</summary>
    public bool? Bool(int position, string? name, bool fallback) => Args.Get(position, name) switch
    {
        null => fallback,
        PyBool b => b.Value,
        PyInt { IsKnown: true } i => i.Value.Value != 0,
        _ => null,
    };

    /// <summary>A float argument (ints accepted); <paramref name="fallback"/> when absent or None; null when not known.</summary>
    public double? Double(int position, string? name, double? fallback = null) => Args.Get(position, name) switch
    {
        null or PyNone => fallback,
        var v => PyNumbers.ToDouble(v),
    };

    /// <summary>
    /// Sizes given either as varargs from <paramref name="from"/> (<c>view(2, 3)</c>) or as one sequence there
    /// (<c>view((2, 3))</c>, <c>view(x.size())</c>), or by keyword <paramref name="name"/>; null when any is not an int.
    /// </summary>
    public Dim[]? Sizes(int from, string? name)
    {
        var positional = Args.Positional;
        if (positional.Length == from + 1 && positional[from] is PyTuple or PyList)
        {
            return DimsOf(positional[from]);
        }

        if (positional.Length <= from)
        {
            return Args.Get(-1, name) is { } named ? DimsOf(named) : [];
        }

        var dims = new Dim[positional.Length - from];
        for (var i = from; i < positional.Length; i++)
        {
            if (PyNumbers.ToDim(positional[i]) is not { } d)
            {
                return null;
            }

            dims[i - from] = d;
        }

        return dims;
    }

    /// <summary>The ints of a tuple, list, torch.Size or single int; null when any is not an int.</summary>
    public static Dim[]? DimsOf(PyValue value)
    {
        if (PyNumbers.ToDim(value) is { } single)
        {
            return [single];
        }

        IReadOnlyList<PyValue>? items = value switch
        {
            PyTuple t => t.Items,
            PyList l => l.Items,
            _ => null,
        };
        if (items is null)
        {
            return null;
        }

        var dims = new Dim[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (PyNumbers.ToDim(items[i]) is not { } d)
            {
                return null;
            }

            dims[i] = d;
        }

        return dims;
    }

    /// <summary>The source text of an argument as written, or null.</summary>
    public string? TextOf(int position, string? name) => Args.ExprOf(position, name) is { } e ? Interpreter.TextOf(e) : null;

    /// <summary>A tensor result: records the node (its inputs the tensors passed) and carries the batch dimension over.</summary>
    public PyTensor Result(Shape? shape, PyTensor? from = null, string? argumentText = null)
    {
        if (Interpreter.Graph is null)
        {
            return Interpreter.MakeTensor(Kind, Name, Span, shape, from ?? FirstTensor(), [], argumentText ?? string.Empty);
        }

        var (args, kwargs) = NodeArgs;
        var tensor = Interpreter.MakeTensor(Kind, Target, Span, shape, from ?? FirstTensor(), TensorInputs(), argumentText ?? string.Empty, args, kwargs, Module);
        Made(tensor.Node);
        return tensor;
    }

    /// <summary>A tensor result with its metadata set by the binding.</summary>
    public PyTensor Result(Shape? shape, int batchAxis, Shape? flattenedFrom, bool isSpatial)
    {
        var from = FirstTensor();
        Node? node = null;
        if (Interpreter.Graph is not null)
        {
            var (args, kwargs) = NodeArgs;
            node = Made(Interpreter.Record(Kind, Target, Span, TensorInputs(), shape, string.Empty, Module, args, kwargs));
        }

        return new PyTensor(shape, node)
        {
            BatchAxis = batchAxis,
            FlattenedFrom = flattenedFrom,
            IsSpatial = isSpatial,
            Origin = from?.Origin,
        };
    }

    /// <summary>PyTorch raises here: reports the diagnostic at the call and goes on with <paramref name="recovered"/> (unknown when null).</summary>
    public PyValue Fail(Diagnostic diagnostic, Shape? recovered = null)
    {
        Interpreter.Report(diagnostic.Span.IsNone ? diagnostic with { Span = Span } : diagnostic);
        return Result(recovered);
    }

    /// <summary>A failure with PyTorch's message verbatim, under the generic tensor-operation code.</summary>
    public PyValue Fail(string pytorchMessage, Shape? recovered = null) =>
        Fail(Diagnostic.Create(DiagnosticCatalog.TensorOpFailed, Span, DisplayName, pytorchMessage) with { RawMessage = pytorchMessage }, recovered);

    /// <summary>The op's short name as PyTorch's messages use it (<c>cat</c>, <c>view</c>, <c>+</c>).</summary>
    public string OpName
    {
        get
        {
            var dot = Name.LastIndexOf('.');
            return dot < 0 ? Name : Name[(dot + 1)..];
        }
    }

    /// <summary>Reports an op rule's error at this call.</summary>
    public void Report(ShapeSafe.Ops.OpError error) =>
        Interpreter.Report(Diagnostic.Create(error.Descriptor, Span, [.. error.Arguments]) with
        {
            Notes = [ShapeSafe.Layers.PyTorchText.RunTime(error.TorchMessage)],
        });

    /// <summary>Wraps a dim argument as PyTorch does; reports PyTorch's IndexError and returns false when out of range.</summary>
    public bool TryWrap(long dim, int rank, out int wrapped)
    {
        if (ShapeSafe.Ops.OpDims.TryWrap(OpName, dim, rank, out wrapped, out var error))
        {
            return true;
        }

        Report(error!);
        return false;
    }

    /// <summary>An op rule's result as a Python value: a tensor, a tuple of tensors, an int, or the failure reported here.</summary>
    public PyValue From(ShapeSafe.Ops.OpResult result, Shape? recovered = null)
    {
        if (result.Error is { } error)
        {
            Report(error);
            return Result(recovered);
        }

        if (result.Output is { } output)
        {
            return Result(output);
        }

        if (result.Outputs is { } outputs)
        {
            var items = new PyValue[outputs.Count];
            for (var i = 0; i < outputs.Count; i++)
            {
                items[i] = Result(outputs[i]);
            }

            return new PyTuple(items);
        }

        return PyInt.Of(result.Size!.Value);
    }

    /// <summary>Not followed: one note at this call, and an unknown value (a tensor of unknown shape when the call takes tensors).</summary>
    public PyValue NotFollowed(string why)
    {
        Interpreter.Note(Span, DisplayName, why);
        return FirstTensor() is not null ? Result(null) : new PyUnknown($"{DisplayName}: {why}", Span);
    }

    /// <summary>The first tensor among the arguments (or self), if any.</summary>
    public PyTensor? FirstTensor()
    {
        if (Self is PyTensor s)
        {
            return s;
        }

        foreach (var v in Args.Positional)
        {
            if (v is PyTensor t)
            {
                return t;
            }
        }

        foreach (var v in Args.NamedValues)
        {
            if (v is PyTensor t)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>True when some argument is unknown (then nothing that depends on it is checked).</summary>
    public bool AnyUnknown()
    {
        if (Args.HasUnknownSpread)
        {
            return true;
        }

        foreach (var v in Args.Positional)
        {
            if (v is PyUnknown)
            {
                return true;
            }
        }

        foreach (var v in Args.NamedValues)
        {
            if (v is PyUnknown)
            {
                return true;
            }
        }

        return false;
    }

    private List<PyTensor> TensorInputs()
    {
        var list = new List<PyTensor>(2);
        if (Self is PyTensor s)
        {
            list.Add(s);
        }

        foreach (var v in Args.Positional)
        {
            Collect(v, list);
        }

        foreach (var v in Args.NamedValues)
        {
            Collect(v, list);
        }

        return list;

        static void Collect(PyValue v, List<PyTensor> list)
        {
            switch (v)
            {
                case PyTensor t when !list.Contains(t):
                    list.Add(t);
                    break;
                case PyTuple tuple:
                    foreach (var item in tuple.Items)
                    {
                        if (item is PyTensor ti && !list.Contains(ti))
                        {
                            list.Add(ti);
                        }
                    }

                    break;
                case PyList l:
                    foreach (var item in l.Items)
                    {
                        if (item is PyTensor ti && !list.Contains(ti))
                        {
                            list.Add(ti);
                        }
                    }

                    break;
            }
        }
    }
}
