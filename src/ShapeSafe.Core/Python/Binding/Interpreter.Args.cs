using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// Python values as torch.fx arguments (<see cref="NodeArg"/>): a tensor or a size read from one is a reference to its
/// node, a list of tensors a <see cref="ListArg"/> of references, a plain int or string a constant. An item of a size
/// tuple gets its <c>getitem</c> node here, when first used.
/// </summary>
public sealed partial class Interpreter
{
    private static readonly KeyValuePair<string, NodeArg>[] NoKwargs = [];
    private static readonly ConstArg NoneArg = new(null);
    private static readonly ConstArg TrueArg = new(true);
    private static readonly ConstArg FalseArg = new(false);

    /// <summary>The argument a value is as a node argument (recording <c>getitem</c> nodes for size-tuple items on first use).</summary>
    internal NodeArg ToArg(PyValue value)
    {
        switch (value)
        {
            case PyTensor t:
                return t.Node is { } n ? new NodeRefArg(n) : Opaque(value, "a tensor not recorded");
            case PyInt i:
                if (i.Node is null && i.Source is { } source && Graph is not null)
                {
                    var item = Graph.Add(NodeKind.Operator, "getitem", [source.Tuple], _statementSpan, _moduleCalls.Count == 0 ? [] : CurrentChain(), string.Empty);
                    item.Args = [new NodeRefArg(source.Tuple), new ConstArg((long)source.Index)];
                    item.Value = new SizeValue(i.Value);
                    i.Node = item;
                    i.Source = null;
                }

                return i.Node is { } sizeNode ? new NodeRefArg(sizeNode) : i.Value.IsKnown ? new ConstArg(i.Value.Value) : Opaque(value, i.Value.ToString());
            case PyBool { IsTrainingFlag: true }:
                return TrainingFlagArg.Instance;
            case PyBool b:
                return b.Value ? TrueArg : FalseArg;
            case PyFloat f:
                return new ConstArg(f.Value);
            case PyStr s:
                return new ConstArg(s.Value);
            case PyNone:
                return NoneArg;
            case PyEllipsis:
                return new ConstArg(ConstArg.Ellipsis);
            case PyTuple tuple:
                return tuple.Node is { } tn ? new NodeRefArg(tn) : new ListArg(ToArgList(tuple.Items), IsTuple: true);
            case PyList list:
                return new ListArg(ToArgList(list.Items), IsTuple: false);
            case PySlice slice:
                return new SliceArg(Part(slice.Lower), Part(slice.Upper), Part(slice.Step));
            case PyOpaque o:
                return Opaque(value, o.Name);
            case PyModule m:
                return Opaque(value, m.Info.QualifiedName);
            case PyBuiltin fn:
                return Opaque(value, fn.Name);
            default:
                return Opaque(value, value.TypeName);
        }

        NodeArg? Part(PyValue v) => v is PyNone ? null : ToArg(v);
    }

    private NodeArg[] ToArgList(IReadOnlyList<PyValue> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var args = new NodeArg[items.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ToArg(items[i]);
        }

        return args;
    }

    /// <summary>A value with no constant form: described by a string, and kept for running the graph again.</summary>
    private ConstArg Opaque(PyValue value, string description)
    {
        var arg = new ConstArg(description);
        Graph?.Opaques.Add(arg, value);
        if (value is PyUnknown unknown)
        {
            Graph?.AddUnknown(arg, new UnfollowedValue(unknown.Reason, unknown.Span.IsNone ? _statementSpan : unknown.Span));
        }

        return arg;
    }

    /// <summary>A call's positional and keyword arguments as node arguments.</summary>
    internal (NodeArg[] Args, KeyValuePair<string, NodeArg>[] Kwargs) ToArgs(CallArgs args)
    {
        var positional = ToArgList(args.Positional);
        if (args.Names.Length == 0)
        {
            return (positional, NoKwargs);
        }

        var kwargs = new KeyValuePair<string, NodeArg>[args.Names.Length];
        for (var i = 0; i < kwargs.Length; i++)
        {
            kwargs[i] = new(args.Names[i], ToArg(args.NamedValues[i]));
        }

        return (positional, kwargs);
    }

    /// <summary>
    /// Records a node whose value is a size or a size tuple read from a tensor (<c>x.size(0)</c>, <c>x.shape</c>, <c>b * c</c>)
    /// and returns the value carrying it; the value unchanged when nothing is recorded (no graph, or no tensor node read).
    /// </summary>
    internal PyValue SizeNode(NodeKind kind, string target, ShapeSafe.Syntax.SourceSpan span, NodeArg[] args, KeyValuePair<string, NodeArg>[] kwargs, PyValue value)
    {
        if (Graph is null || value is not (PyInt or PyTuple))
        {
            return value;
        }

        var inputs = new List<Node>(2);
        foreach (var a in args)
        {
            if (a is NodeRefArg r && !inputs.Contains(r.Node))
            {
                inputs.Add(r.Node);
            }
        }

        if (inputs.Count == 0)
        {
            return value;
        }

        var node = Graph.Add(kind, target, inputs, span, _moduleCalls.Count == 0 ? [] : CurrentChain(), string.Empty);
        node.Args = args;
        node.Kwargs = kwargs;
        node.Value = ToGraphValue(value);
        if (value is PyInt i)
        {
            return PyInt.Computed(i.Value, node);
        }

        var tuple = (PyTuple)value;
        var items = new PyValue[tuple.Items.Length];
        for (var k = 0; k < items.Length; k++)
        {
            items[k] = tuple.Items[k] is PyInt item ? PyInt.ItemOf(item.Value, node, k) : tuple.Items[k];
        }

        return new PyTuple(items, tuple.IsSize) { Node = node };
    }

    /// <summary>True when a value was read from a tensor's shape (an int that has or will get a node).</summary>
    internal static bool HasProvenance(PyValue value) => value is PyInt { HasProvenance: true };
}
