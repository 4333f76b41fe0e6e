using ShapeSafe.Dataflow;
using ShapeSafe.Layers;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// Running a recorded graph again on other input shapes (torch.fx's ShapeProp): each node's arguments are turned back into
/// Python values and the node goes through the same binding (the torch table, the layer rules, the operators) that
/// produced it. The interpreter used for this records nothing; every place it reports is the node's span.
/// </summary>
public sealed partial class Interpreter
{
    private static readonly TextRange NoRange = new(0, 0);
    private static readonly NameExpr ReplayExpr = new("replay", NoRange);

    /// <summary>An interpreter that runs a graph's nodes again, reporting at the span of the node being run.</summary>
    internal static Interpreter ForReplay(TorchTable? table = null)
    {
        Interpreter? self = null;
        self = new Interpreter(string.Empty, _ => self!._statementSpan, table);
        return self;
    }

    /// <summary>The values of every node of <paramref name="graph"/> run on <paramref name="inputs"/> (one shape per placeholder).</summary>
    internal GraphValue[] Replay(DataflowGraph graph, IReadOnlyList<Shape> inputs)
    {
        var nodes = graph.Nodes;
        var values = new PyValue?[nodes.Count];
        var results = new GraphValue[nodes.Count];
        var groups = new Dictionary<Dataflow.Node, List<PyTensor>>();
        var placeholder = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            _statementSpan = node.Span;
            if (node.Kind == NodeKind.CallModule && node.Returns is not null)
            {
                continue;
            }

            PyValue value;
            if (node.Kind == NodeKind.Placeholder)
            {
                var shape = placeholder < inputs.Count ? inputs[placeholder] : null;
                placeholder++;
                value = shape is null ? new PyUnknown("no input shape given", node.Span) : new PyTensor(shape, null) { BatchAxis = shape.Rank > 0 ? 0 : -1 };
            }
            else if (node.Item >= 0)
            {
                var group = node.SameCallAs ?? node;
                if (!groups.TryGetValue(group, out var flat))
                {
                    flat = [];
                    PyTensors.Collect(node.SameCallAs is null ? RunNode(graph, node, values) : PyNone.Instance, flat);
                    groups[group] = flat;
                }

                value = node.Item < flat.Count ? flat[node.Item] : new PyUnknown("the call returned fewer tensors", node.Span);
            }
            else
            {
                value = RunNode(graph, node, values);
            }

            values[i] = value;
            results[i] = node.Kind == NodeKind.Output || value is not PyTensor ? ToGraphValue(value)
                : ((PyTensor)value).Shape is { } s ? new TensorValue(s) : new UnknownValue("shape not known");
        }

        // A module call followed inline gets its value once its body has run: what the body returned.
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is { Kind: NodeKind.CallModule, Returns: { } returned })
            {
                results[i] = Resolve(graph, returned, values) is PyTensor { Shape: { } s } ? new TensorValue(s) : new UnknownValue("not a tensor of known shape");
            }
        }

        return results;
    }

    private PyValue RunNode(DataflowGraph graph, Dataflow.Node node, PyValue?[] values)
    {
        var args = new PyValue[node.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Resolve(graph, node.Args[i], values);
        }

        var names = new string[node.Kwargs.Count];
        var named = new PyValue[node.Kwargs.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = node.Kwargs[i].Key;
            named[i] = Resolve(graph, node.Kwargs[i].Value, values);
        }

        var call = new CallArgs(args, new Expr?[args.Length], names, named, new Expr?[names.Length]);
        switch (node.Kind)
        {
            case NodeKind.GetAttr:
                return node.Value is TensorValue tv ? new PyTensor(tv.Shape, null) : new PyTensor(null, null);
            case NodeKind.Output:
                return args.Length > 0 ? args[0] : PyNone.Instance;
            case NodeKind.CallModule:
                return RunModule(node, call);
            case NodeKind.CallFunction when node.Target == "getattr":
                return args is [PyTensor t, PyStr name] ? TensorAttributes.Get(this, t, name.Value, node.Span) ?? new PyUnknown($"Tensor.{name.Value}", node.Span)
                    : new PyUnknown("getattr of a value not known", node.Span);
            case NodeKind.CallFunction:
                return _table.Functions.TryGetValue(node.Target, out var function) || _table.Functions.TryGetValue("builtins." + node.Target, out function)
                    ? Call(new PyBuiltin(node.Target, function), call, ReplayExpr)
                    : new PyUnknown($"{node.Target} is not in the torch table", node.Span);
            case NodeKind.CallMethod:
                if (args.Length == 0 || !_table.Methods.TryGetValue(node.Target, out var method))
                {
                    return new PyUnknown($"Tensor.{node.Target} is not in the torch table", node.Span);
                }

                var rest = new CallArgs(args[1..], new Expr?[args.Length - 1], names, named, new Expr?[names.Length]);
                return Call(new PyBuiltin(node.Target, method, args[0]), rest, ReplayExpr);
            case NodeKind.Operator:
                return RunOperator(node.Target, args, node);
            default:
                return new PyUnknown($"a {node.Kind} node", node.Span);
        }
    }

    private PyValue RunModule(Dataflow.Node node, CallArgs args)
    {
        if (node.Module?.Binding is PyModule module)
        {
            return CallModule(module, args, ReplayExpr);
        }

        // A model file's layer: its rule on the new input.
        if (node.Module is { Entry: { } entry, Args: { } bound, Constructor: { } constructor } && args.Get(0, "input") is PyTensor { Shape: { } shape } input)
        {
            var context = new LayerContext(constructor with { Name = node.Module.QualifiedName }, entry.Type, bound, () => "the input", input.FlattenedFrom)
            {
                BatchAxis = input.BatchAxis,
            };
            var outcome = entry.Rule.Infer(context, shape);
            foreach (var warning in outcome.Warnings)
            {
                Report(warning);
            }

            if (outcome.Failure is { } failure)
            {
                Report(failure);
                return new PyTensor(outcome.RecoveredOutput, null);
            }

            return new PyTensor(outcome.Output, null) { BatchAxis = input.BatchAxis == 0 && outcome.Output is { Rank: > 0 } ? 0 : -1 };
        }

        return new PyUnknown($"the module {node.Target} cannot be run again", node.Span);
    }

    private PyValue RunOperator(string target, PyValue[] args, Dataflow.Node node)
    {
        if (target == "getitem" && args.Length == 2)
        {
            return GetItem(args[0], args[1], new SubscriptExpr(ReplayExpr, ReplayExpr, NoRange));
        }

        if (args.Length == 1 && target is "neg" or "pos" or "invert")
        {
            if (args[0] is PyTensor)
            {
                return UnaryTensor(args[0], ReplayExpr, target == "invert" ? "~" : target);
            }

            var op = target == "neg" ? UnaryOperator.USub : target == "pos" ? UnaryOperator.UAdd : UnaryOperator.Invert;
            return Unary(op, args[0], new UnaryExpr(op, ReplayExpr, NoRange));
        }

        if (args.Length == 2 && OperatorNames.ToSymbol(target) is { } symbol)
        {
            if (CompareOf(symbol) is { } compare)
            {
                return CompareOne(compare, args[0], args[1], new CompareExpr(ReplayExpr, [compare], [ReplayExpr], NoRange));
            }

            var inPlace = symbol.Length > 1 && symbol[^1] == '=' && symbol is not ("==" or "!=" or "<=" or ">=");
            if (BinaryOf(inPlace ? symbol[..^1] : symbol) is { } binary)
            {
                return Binary(binary, args[0], args[1], ReplayExpr, inPlace);
            }
        }

        return new PyUnknown($"the operator {target}", node.Span);
    }

    private static CompareOperator? CompareOf(string symbol) => symbol switch
    {
        "==" => CompareOperator.Eq,
        "!=" => CompareOperator.NotEq,
        "<" => CompareOperator.Lt,
        "<=" => CompareOperator.LtE,
        ">" => CompareOperator.Gt,
        ">=" => CompareOperator.GtE,
        _ => null,
    };

    private static BinaryOperator? BinaryOf(string symbol)
    {
        foreach (var op in Enum.GetValues<BinaryOperator>())
        {
            if (Symbol(op) == symbol)
            {
                return op;
            }
        }

        return null;
    }

    /// <summary>A node argument as the Python value it stands for, with the values of the nodes run so far.</summary>
    private static PyValue Resolve(DataflowGraph graph, NodeArg arg, PyValue?[] values) => arg switch
    {
        NodeRefArg r => values[r.Node.Index] ?? new PyUnknown($"the value of %{r.Node.Index}", r.Node.Span),
        TrainingFlagArg => PyBool.Training,
        ConstArg c when graph.Opaques.TryGetValue(c, out var original) => (PyValue)original,
        ConstArg { Value: null } => PyNone.Instance,
        ConstArg { Value: long l } => PyInt.Of(l),
        ConstArg { Value: double d } => new PyFloat(d),
        ConstArg { Value: bool b } => PyBool.Of(b),
        ConstArg { Value: string s } => new PyStr(s),
        ConstArg c when ReferenceEquals(c.Value, ConstArg.Ellipsis) => PyEllipsis.Instance,
        ListArg { IsTuple: true } t => new PyTuple([.. t.Items.Select(a => Resolve(graph, a, values))]),
        ListArg l => new PyList(l.Items.Select(a => Resolve(graph, a, values)).ToList()),
        SliceArg s => new PySlice(
            s.Start is null ? PyNone.Instance : Resolve(graph, s.Start, values),
            s.Stop is null ? PyNone.Instance : Resolve(graph, s.Stop, values),
            s.Step is null ? PyNone.Instance : Resolve(graph, s.Step, values)),
        _ => new PyUnknown("an argument not known", default),
    };
}
