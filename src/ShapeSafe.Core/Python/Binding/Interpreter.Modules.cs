using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>
/// nn modules: constructing layers (arguments read as the model-file parser reads them, so layer rules and their fixes
/// work unchanged), containers with PyTorch's naming, calling modules, and placing the module tree once <c>__init__</c> ran.
/// </summary>
public sealed partial class Interpreter
{
    private PyValue ConstructTorch(PyTorchClass tc, CallArgs args, Expr at)
    {
        switch (tc.CanonicalName)
        {
            case "torch.nn.Sequential":
            case "torch.nn.ModuleList":
            case "torch.nn.ModuleDict":
            {
                var kind = tc.Name switch
                {
                    "Sequential" => ContainerKind.Sequential,
                    "ModuleList" => ContainerKind.ModuleList,
                    _ => ContainerKind.ModuleDict,
                };
                var container = new PyContainer(new ModuleInfo(string.Empty, tc.Name, null), kind);
                return FillContainer(container, kind, args, at) ? container : Unknown($"a {tc.Name} built from values not known", at);
            }

            case "collections.OrderedDict":
            {
                var dict = new PyDict();
                if (args.Get(0, null) is { } items && !FillDict(items, (k, v) => dict.Set(new PyStr(k), v)))
                {
                    return Unknown("an OrderedDict built from values not known", at);
                }

                for (var i = 0; i < args.Names.Length; i++)
                {
                    dict.Set(new PyStr(args.Names[i]), args.NamedValues[i]);
                }

                return dict;
            }

            case "torch.nn.Parameter":
            case "torch.nn.parameter.Parameter":
                return args.Get(0, "data") switch
                {
                    PyTensor t => new PyTensor(t.Shape, t.Node) { DType = t.DType, Init = t.Init ?? TensorInit.Unknown, IsParameter = true },
                    { } other => other,
                    null => Unknown("an empty Parameter", at),
                };
            case "torch.Size":
                return args.Get(0, null) is { } sizes && TorchCall.DimsOf(sizes) is { } dims ? SizeTuple(dims) : Unknown("a torch.Size not known", at);
            case "torch.Tensor":
                return Call(new PyBuiltin("torch.FloatTensor", _table.Functions["torch.FloatTensor"]), args, at);
            case "torch.nn.Module":
                return new PyUserModule(new ModuleInfo(string.Empty, "Module", null), new PyClass("Module", new ClassDefStmt("Module", default, [], [], [], default), [tc]));
        }

        if (tc.IsNnClass && LayerRegistry.Default.TryGet(tc.Name, out var entry))
        {
            return ConstructLayer(entry, args, at);
        }

        if (tc.IsNnClass)
        {
            var reason = $"nn.{tc.Name} has no shape rule in the checker";
            if (!_table.Modules.ContainsKey(tc.Name))
            {
                Note(SpanOf(at), "nn." + tc.Name, "it has no shape rule in the checker");
            }

            var (settings, unknownSettings) = OpaqueSettings.Of(tc.Name, args);
            return new PyOpaqueModule(new ModuleInfo(string.Empty, tc.Name, null) { Settings = settings, UnknownSettings = unknownSettings }, reason) { ConstructorArgs = args };
        }

        Note(SpanOf(at), tc.CanonicalName, "constructing it is not modelled");
        return Unknown(tc.CanonicalName, at);
    }

    /// <summary>
    /// Fills a container from its constructor arguments, named as PyTorch names them: Sequential(*modules) or
    /// Sequential(OrderedDict) keeps the keys; ModuleList(iterable); ModuleDict(dict or pairs). False when not known.
    /// </summary>
    private bool FillContainer(PyModule target, ContainerKind kind, CallArgs args, Expr at)
    {
        if (args.HasUnknownSpread)
        {
            return false;
        }

        void Append(PyValue item) => target.SetChild(target.ChildNames.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), item);
        switch (kind)
        {
            case ContainerKind.Sequential:
                if (args.Positional.Length == 1 && args.Positional[0] is PyDict d)
                {
                    for (var i = 0; i < d.Keys.Count; i++)
                    {
                        target.SetChild(Str(d.Keys[i]) ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Values[i]);
                    }

                    return true;
                }

                foreach (var item in args.Positional)
                {
                    if (item is PyUnknown)
                    {
                        return false;
                    }

                    Append(item);
                }

                return true;
            case ContainerKind.ModuleList:
                if (args.Get(0, "modules") is { } items and not PyNone)
                {
                    if (Iterate(items, at) is not { } modules)
                    {
                        return false;
                    }

                    foreach (var m in modules)
                    {
                        Append(m);
                    }
                }

                return true;
            default:
                return args.Get(0, "modules") is not { } entries || entries is PyNone || FillDict(entries, (k, v) => target.SetChild(k, v));
        }
    }

    /// <summary>Python's dict(items): a dict, or pairs; false when not known.</summary>
    private bool FillDict(PyValue items, Action<string, PyValue> add)
    {
        if (items is PyDict d)
        {
            for (var i = 0; i < d.Keys.Count; i++)
            {
                if (Str(d.Keys[i]) is not { } key)
                {
                    return false;
                }

                add(key, d.Values[i]);
            }

            return true;
        }

        if (Iterate(items, null) is not { } pairs)
        {
            return false;
        }

        foreach (var pair in pairs)
        {
            if (pair is not (PyTuple or PyList) || UnpackItems(pair, 2, false) is not { Count: 2 } kv || Str(kv[0]) is not { } key)
            {
                return false;
            }

            add(key, kv[1]);
        }

        return true;
    }

    internal static PyTuple SizeTuple(IReadOnlyList<Dim> dims)
    {
        var items = new PyValue[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            items[i] = PyInt.Of(dims[i]);
        }

        return new PyTuple(items, isSize: true);
    }

    /// <summary>Builds a layer from <c>nn.Conv2d(3, 16, 3)</c>: each argument with its value, text and span, bound to the rule's signature.</summary>
    private PyValue ConstructLayer(LayerRegistry.Entry entry, CallArgs args, Expr at)
    {
        var callSpan = SpanOf(at);
        if (!_sites.TryGetValue(at, out var site))
        {
            site = new ConstructionSite(callSpan, TextOf(at));
            _sites[at] = site;
        }

        site.Runs++;
        var typeSpan = at is CallExpr { Func: AttributeExpr attr } ? SpanOf(attr.AttrRange) : at is CallExpr call0 ? SpanOf(call0.Func) : callSpan;
        var signature = entry.Signature;
        var arguments = new List<Argument>(args.Count);
        string? unknownReason = args.HasUnknownSpread ? "arguments passed through *args or **kwargs are not known" : null;
        var positional = 0;
        for (var i = 0; i < args.Positional.Length && unknownReason is null; i++)
        {
            var type = PositionalType(signature, positional++);
            if (ToArgValue(args.Positional[i], args.PositionalExprs[i], type) is { } v)
            {
                arguments.Add(new Argument(null, SourceSpan.None, v));
            }
            else
            {
                unknownReason = $"argument {i + 1} ({Describe(args.PositionalExprs[i], args.Positional[i])}) is not known";
            }
        }

        for (var i = 0; i < args.Names.Length && unknownReason is null; i++)
        {
            var type = signature.Find(args.Names[i])?.Type ?? ParamType.Any;
            if (ToArgValue(args.NamedValues[i], args.NamedExprs[i], type) is { } v)
            {
                var keywordSpan = args.NamedExprs[i] is { } e ? KeywordSpan(e, args.Names[i]) : callSpan;
                arguments.Add(new Argument(args.Names[i], keywordSpan, v));
            }
            else
            {
                unknownReason = $"{args.Names[i]} ({Describe(args.NamedExprs[i], args.NamedValues[i])}) is not known";
            }
        }

        var call = new LayerCall(entry.Type, null, arguments, callSpan.Line, typeSpan, callSpan, LineTextAt(at.Range.Start));
        if (unknownReason is not null)
        {
            Note(callSpan, $"nn.{entry.Type}(...)", unknownReason + ", so calls of this layer are not checked");
            return new PyLayer(new ModuleInfo(string.Empty, entry.Type, null) { Constructor = call, Entry = entry }, entry, null, call, site) { UnknownReason = unknownReason };
        }

        var diagnostics = new List<Diagnostic>();
        var bound = ArgumentBinder.Bind(call, entry.Type, signature, diagnostics, entry.RuleHasLazyVariant && !entry.IsLazy);
        foreach (var d in diagnostics)
        {
            Report(d);
        }

        var layerInfo = new ModuleInfo(string.Empty, entry.Type, null) { Constructor = call, Entry = entry, Args = bound };
        return new PyLayer(layerInfo, entry, bound, call, site) { UnknownReason = bound is null ? "its arguments do not bind" : null };
    }

    private static ParamType PositionalType(LayerSignature signature, int position)
    {
        var p = 0;
        foreach (var spec in signature.Parameters)
        {
            if (spec.KeywordOnly)
            {
                continue;
            }

            if (p++ == position)
            {
                return spec.Type;
            }
        }

        return ParamType.Any;
    }

    private string Describe(Expr? e, PyValue v) => e is null ? v.TypeName : TextOf(e);

    private SourceSpan KeywordSpan(Expr value, string keyword)
    {
        // The keyword is written just before "=value": search back from the value on the same line.
        var start = value.Range.Start - 1;
        while (start > 0 && (_text[start] == ' ' || _text[start] == '='))
        {
            start--;
        }

        var begin = start - keyword.Length + 1;
        return begin >= 0 && string.CompareOrdinal(_text, begin, keyword, 0, keyword.Length) == 0
            ? SpanOf(new TextRange(begin, start + 1))
            : SpanOf(value);
    }

    /// <summary>The line of source holding <paramref name="offset"/>, as written.</summary>
    private string LineTextAt(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var start = offset > 0 ? _text.LastIndexOf('\n', offset - 1) + 1 : 0;
        var end = _text.IndexOf('\n', offset);
        if (end < 0)
        {
            end = _text.Length;
        }

        return _text[start..end].TrimEnd('\r');
    }

    /// <summary>A keyword argument for a layer rule built from a functional call (<c>F.max_pool2d(x, 2)</c>); null when not a constant.</summary>
    internal Argument? KeywordArgument(string keyword, PyValue value, Expr? e, ParamType type) =>
        ToArgValue(value, e, type) is { } v ? new Argument(keyword, e is null ? SourceSpan.None : SpanOf(e), v) : null;

    /// <summary>The source line holding <paramref name="span"/>'s start, for a layer call made from a functional call.</summary>
    internal string LineTextOf(Expr e) => LineTextAt(e.Range.Start);

    /// <summary>A Python value as a constructor argument; null when it is not a constant the layer rules can read.</summary>
    private ArgValue? ToArgValue(PyValue value, Expr? e, ParamType type)
    {
        var span = e is null ? _statementSpan : SpanOf(e);
        var text = e is null ? null : TextOf(e);
        switch (value)
        {
            case PyBool b:
                return ArgValue.OfBool(b.Value, span, text ?? (b.Value ? "True" : "False"));
            case PyInt { IsKnown: true } i:
                return ArgValue.OfInt(i.Value.Value, span, text ?? i.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case PyFloat f:
                return ArgValue.OfFloat(f.Value, span, text ?? PyTorchText.Float(f.Value));
            case PyStr s:
                return ArgValue.OfString(s.Value, span, text ?? $"'{s.Value}'");
            case PyNone:
                return ArgValue.OfNone(span, text ?? "None");
            case PyTuple or PyList:
            {
                var items = value is PyTuple t ? t.Items : (IReadOnlyList<PyValue>)((PyList)value).Items;
                var itemExprs = e switch
                {
                    TupleExpr te when te.Elements.Count == items.Count => te.Elements,
                    ListExpr le when le.Elements.Count == items.Count => le.Elements,
                    _ => null,
                };
                var converted = new ArgValue[items.Count];
                for (var i = 0; i < items.Count; i++)
                {
                    if (ToArgValue(items[i], itemExprs?[i], ParamType.Any) is not { } item)
                    {
                        return type == ParamType.Any ? ArgValue.OfNone(span, text ?? "None") : null;
                    }

                    converted[i] = itemExprs is null ? item with { Span = span } : item;
                }

                var tuple = ArgValue.OfTuple(converted, span, "(placeholder)");
                return tuple with { Text = text ?? tuple.ToPython() };
            }

            default:
                // dtype, device and the like: the rules ignore them.
                return type == ParamType.Any ? ArgValue.OfNone(span, text ?? "None") : null;
        }
    }

    /// <summary>Calls a module object with <paramref name="args"/> at <paramref name="at"/> (where PyTorch would raise).</summary>
    internal PyValue CallModule(PyModule module, CallArgs args, Expr at)
    {
        switch (module)
        {
            case PyLayer layer:
            {
                var input = args.Get(0, "input");
                if (layer.Entry.Type == "Identity")
                {
                    return input ?? PyNone.Instance;
                }

                return input is PyTensor t ? ApplyLayer(layer, t, args, at) : input as PyUnknown ?? Unknown($"{NameOf(layer)} called without a tensor", at);
            }

            case PyContainer { Kind: ContainerKind.Sequential } seq:
            {
                var node = RecordModuleCall(seq, args, at);
                _moduleCalls.Add((SpanOf(at), NameOf(seq), node));
                try
                {
                    var x = args.Get(0, "input") ?? PyNone.Instance;
                    foreach (var item in seq.Items)
                    {
                        x = item is PyModule m ? CallModule(m, CallArgs.Of(x), at) : Call(item, CallArgs.Of(x), at);
                    }

                    SetNodeValue(node, x);
                    return x;
                }
                finally
                {
                    _moduleCalls.RemoveAt(_moduleCalls.Count - 1);
                }
            }

            case PyUserModule user:
            {
                if (!user.Class.TryLookup("forward", out var forward) && user.Class.ContainerBase == ContainerKind.Sequential)
                {
                    var seqNode = RecordModuleCall(user, args, at);
                    _moduleCalls.Add((SpanOf(at), NameOf(user), seqNode));
                    try
                    {
                        var x = args.Get(0, "input") ?? PyNone.Instance;
                        foreach (var (_, child) in user.Children)
                        {
                            x = CallModule(child, CallArgs.Of(x), at);
                        }

                        SetNodeValue(seqNode, x);
                        return x;
                    }
                    finally
                    {
                        _moduleCalls.RemoveAt(_moduleCalls.Count - 1);
                    }
                }

                if (forward is not PyFunction f)
                {
                    Note(SpanOf(at), NameOf(user), "its forward is not defined in the file");
                    return Unknown($"the output of {NameOf(user)}", at);
                }

                var node = RecordModuleCall(user, args, at);
                _moduleCalls.Add((SpanOf(at), NameOf(user), node));
                try
                {
                    var result = Invoke(f, args.Prepend(user), at);
                    SetNodeValue(node, result);
                    return result;
                }
                finally
                {
                    _moduleCalls.RemoveAt(_moduleCalls.Count - 1);
                }
            }

            case PyOpaqueModule opaque when _table.Modules.TryGetValue(opaque.Info.Type, out var binding):
            {
                var call = new TorchCall(this, opaque.Info.Type, NodeKind.CallModule, opaque, args, at);
                return call.Run(binding);
            }

            case PyOpaqueModule opaque:
            {
                Note(SpanOf(at), NameOf(opaque), opaque.Reason);
                var first = args.Get(0, "input") as PyTensor;
                var node = RecordModuleCall(opaque, args, at);
                return first is null ? Unknown($"the output of {NameOf(opaque)}", at) : new PyTensor(null, node);
            }

            default:
                Note(SpanOf(at), NameOf(module), $"calling a {module.Info.Type} is not followed");
                return Unknown($"the output of {NameOf(module)}", at);
        }
    }

    private Dataflow.Node? RecordModuleCall(PyModule module, CallArgs args, Expr at)
    {
        if (Graph is null)
        {
            return null;
        }

        var (positional, kwargs) = ToArgs(args);
        return Record(NodeKind.CallModule, NameOf(module), SpanOf(at), TensorsIn(args), null, string.Empty, module.Info, positional, kwargs);
    }

    /// <summary>The value a module call followed inline returned: the node's value and <see cref="Dataflow.Node.Returns"/>.</summary>
    private void SetNodeValue(Dataflow.Node? node, PyValue value)
    {
        if (node is not null)
        {
            node.Value = value is PyTensor { Shape: { } s } ? new TensorValue(s) : new UnknownValue("not a tensor of known shape");
            node.Returns = ToArg(value);
        }
    }

    private static List<PyTensor> TensorsIn(CallArgs args)
    {
        var list = new List<PyTensor>(1);
        foreach (var v in args.Positional)
        {
            if (v is PyTensor t)
            {
                list.Add(t);
            }
        }

        return list;
    }

    /// <summary>The module's qualified name once placed (<c>features.0</c>), else its type.</summary>
    internal static string NameOf(PyModule m) => m.Info.IsPlaced && m.Info.QualifiedName.Length > 0 ? m.Info.QualifiedName : m.Info.Type;

    /// <summary>Gives every module of the tree its <c>named_modules()</c> name, depth first in registration order.</summary>
    internal static void PlaceTree(PyModule root)
    {
        root.Info.Place(string.Empty, null);
        Place(root, string.Empty);

        static void Place(PyModule parent, string prefix)
        {
            foreach (var (name, child) in parent.Children)
            {
                if (child.Info.IsPlaced)
                {
                    parent.Info.AddAlias(name, child.Info);
                    continue;
                }

                var qualified = prefix.Length == 0 ? name : prefix + "." + name;
                child.Info.Place(qualified, parent.Info);
                Place(child, qualified);
            }
        }
    }
}
