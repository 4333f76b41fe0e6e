using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Torch;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>Attribute access (<c>self.fc1</c>, <c>x.shape</c>, <c>nn.Conv2d</c>, <c>super().__init__</c>) and subscripts.</summary>
public sealed partial class Interpreter
{
    internal PyValue GetAttribute(PyValue owner, string name, Expr at)
    {
        switch (owner)
        {
            case PyUnknown u:
                return u;
            case PyNamespace ns:
                return NamespaceAttribute(ns, name, at);
            case PyTensor t:
                return TensorAttributes.Get(this, t, name, SpanOf(at)) ?? new PyUnknown($"Tensor.{name}", SpanOf(at)) { IsName = true };
            case PyModule m:
                return ModuleAttribute(m, name, at);
            case PyObject o:
                if (o.Attributes.TryGetValue(name, out var value))
                {
                    return value;
                }

                return o.Class.TryLookup(name, out var classValue) ? BindTo(classValue, o, at) : new PyUnknown($"{o.Class.Name}.{name}", SpanOf(at));
            case PyClass c when name == "apply" && IsAutogradFunction(c) && c.TryLookup("forward", out var forwardMember) && forwardMember is PyFunction forward:
                // Function.apply(*args) runs the static forward(ctx, *args).
                return new PyBuiltin(c.Name + ".apply", call => Invoke(forward, call.Args.Prepend(NewAutogradContext(c)), call.Expression));
            case PyClass c:
                return c.TryLookup(name, out var member) ? (member is PyFunction { IsClassMethod: true } f ? new PyBoundMethod(c, f) : member)
                    : new PyUnknown($"{c.Name}.{name}", SpanOf(at));
            case PySuper s:
                if (s.Class.Mro.Count > 0 && s.Self switch { PyUserModule um => um.Class, PyObject po => po.Class, _ => null } is { } selfClass
                    && selfClass.TryLookup(name, out var inherited, s.Class))
                {
                    return BindTo(inherited, s.Self, at);
                }

                if (name == "__init__" && s.Self is PyUserModule { Class.ContainerBase: { } kind } containerSelf)
                {
                    return new PyBuiltin("super().__init__", call =>
                    {
                        if (!FillContainer(containerSelf, kind, call.Args, call.Expression))
                        {
                            containerSelf.Incomplete = true;
                        }

                        return PyNone.Instance;
                    }, containerSelf);
                }

                return name == "__init__" ? new PyBuiltin("object.__init__", _ => PyNone.Instance)
                    : s.Self is PyModule sm ? ModuleMethod(sm, name, at) ?? new PyUnknown($"super().{name}", SpanOf(at))
                    : new PyUnknown($"super().{name}", SpanOf(at));
            case PyList or PyDict or PyStr or PyTuple or PyInt or PyFloat or PyBool:
                return ValueMethods.Get(owner, name) ?? new PyUnknown($"{owner.TypeName}.{name}", SpanOf(at)) { IsName = true };
            case PyTorchClass tc:
                return name == "__init__" ? new PyBuiltin(tc.CanonicalName + ".__init__", _ => PyNone.Instance) : Resolve(tc.CanonicalName + "." + name, isModule: false);
            default:
                return new PyUnknown($"{owner.TypeName}.{name}", SpanOf(at));
        }
    }

    /// <summary><c>torch.nn.Conv2d</c>, <c>F.relu</c>: resolved once per namespace and name (a file reads the same names over and over).</summary>
    private PyValue NamespaceAttribute(PyNamespace ns, string name, Expr at)
    {
        if (_namespaceCache.TryGetValue((ns.Name, name), out var cached))
        {
            return cached is PyUnknown u ? new PyUnknown(u.Reason, SpanOf(at)) { IsName = true } : cached;
        }

        PyValue value;
        if (KnownNamespaces.Contains(ns.Name) || IsUnder(ns.Name, "torch"))
        {
            var resolved = Resolve(ns.Name + "." + name, isModule: false);
            value = resolved is PyUnknown ? new PyUnknown(ns.Name + "." + name, SpanOf(at)) { IsName = true } : resolved;
        }
        else
        {
            value = new PyUnknown($"{ns.Name}.{name} (from a module the checker does not read)", SpanOf(at)) { IsName = true };
        }

        _namespaceCache[(ns.Name, name)] = value;
        return value;
    }

    private readonly Dictionary<(string, string), PyValue> _namespaceCache = [];

    /// <summary>A class attribute read through an instance: functions bind to it, properties are called.</summary>
    private PyValue BindTo(PyValue member, PyValue self, Expr at)
    {
        if (member is not PyFunction f || f.IsStatic)
        {
            return member;
        }

        if (f.IsProperty)
        {
            return Invoke(f, CallArgs.Of(self), at);
        }

        return f.IsClassMethod && self switch { PyUserModule um => um.Class, PyObject po => po.Class, _ => null } is { } cls
            ? new PyBoundMethod(cls, f)
            : new PyBoundMethod(self, f);
    }

    private PyValue ModuleAttribute(PyModule m, string name, Expr at)
    {
        if (m.Attributes.TryGetValue(name, out var value))
        {
            return value is PyTensor t ? ReadTensorAttribute(m, name, t, at) : value;
        }

        if (m.TryGetChild(name, out var child))
        {
            return child;
        }

        if (m is PyUserModule um && um.Class.TryLookup(name, out var member))
        {
            return BindTo(member, m, at);
        }

        if (name == "training")
        {
            TrainingFlagRead = true;
            return TrainingMode ? PyBool.Training : PyBool.Evaluation;
        }

        if (ModuleMethod(m, name, at) is { } method)
        {
            return method;
        }

        if (m is PyLayer layer && LayerAttributes.Get(this, layer, name, SpanOf(at)) is { } attribute)
        {
            return attribute is PyTensor lt ? ReadTensorAttribute(m, name, lt, at) : attribute;
        }

        if (m is PyUserModule { Incomplete: false } user && !user.Class.HasUnknownBase && !IsDunder(name))
        {
            Report(Diagnostic.Create(DiagnosticCatalog.MissingAttribute, SpanOf(at), user.Class.Name, name) with
            {
                Notes = [$"{user.Class.Name}.__init__ never assigns self.{name}, so PyTorch raises AttributeError here"],
            });
            return new PyUnknown($"the missing attribute {m.Info.Type}.{name}", SpanOf(at));
        }

        return new PyUnknown($"{m.Info.Type}.{name}", SpanOf(at)) { IsName = true };
    }

    /// <summary>
    /// A tensor stored on a module read in <c>forward</c>: a <c>get_attr</c> node whose target is its qualified name
    /// (<c>scale</c>, <c>blocks.0.pos_embed</c>, <c>conv.weight</c>); the tensor itself when nothing is recorded or it already has a node.
    /// </summary>
    private PyValue ReadTensorAttribute(PyModule m, string name, PyTensor t, Expr at)
    {
        if (Graph is null || t.Node is not null)
        {
            return t;
        }

        var target = m.Info.QualifiedName.Length == 0 ? name : m.Info.QualifiedName + "." + name;
        var node = Record(Dataflow.NodeKind.GetAttr, target, SpanOf(at), [], t.Shape, string.Empty, null, []);
        return new PyTensor(t.Shape, node) { DType = t.DType, Init = t.Init, IsParameter = t.IsParameter, Origin = t.Origin };
    }

    private static bool IsAutogradFunction(PyClass c)
    {
        foreach (var m in c.Mro)
        {
            if (m is PyUnknown { Reason: "torch.autograd.Function" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>ctx</c> of a custom autograd Function: attributes can be stored on it; its methods do nothing to shapes.</summary>
    private static PyObject NewAutogradContext(PyClass function)
    {
        var ctxClass = new PyClass("FunctionCtx", function.Definition, []);
        ctxClass.Attributes["save_for_backward"] = new PyBuiltin("save_for_backward", _ => PyNone.Instance);
        ctxClass.Attributes["mark_dirty"] = new PyBuiltin("mark_dirty", _ => PyNone.Instance);
        ctxClass.Attributes["mark_non_differentiable"] = new PyBuiltin("mark_non_differentiable", _ => PyNone.Instance);
        ctxClass.Attributes["set_materialize_grads"] = new PyBuiltin("set_materialize_grads", _ => PyNone.Instance);
        return new PyObject(ctxClass);
    }

    /// <summary><c>getattr(obj, name)</c> without a default: the attribute, or null when the object does not have it.</summary>
    internal PyValue? GetAttributeOrNull(PyValue owner, string name, Expr at)
    {
        switch (owner)
        {
            case PyModule m:
                if (m.Attributes.TryGetValue(name, out var value))
                {
                    return value is PyTensor t ? ReadTensorAttribute(m, name, t, at) : value;
                }

                if (m.TryGetChild(name, out value))
                {
                    return value;
                }

                if (m is PyUserModule um && um.Class.TryLookup(name, out var member))
                {
                    return BindTo(member, m, at);
                }

                return ModuleMethod(m, name, at) ?? (m is PyLayer layer ? LayerAttributes.Get(this, layer, name, SpanOf(at)) : null);
            case PyObject o:
                return o.Attributes.TryGetValue(name, out var ov) ? ov : o.Class.TryLookup(name, out var om) ? BindTo(om, o, at) : null;
            default:
                var result = GetAttribute(owner, name, at);
                return result is PyUnknown ? null : result;
        }
    }

    private static bool IsDunder(string name) => name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    internal PyValue GetItem(PyValue owner, PyValue index, SubscriptExpr at)
    {
        switch (owner)
        {
            case PyUnknown u:
                return u;
            case PyTensor t:
            {
                var call = new TorchCall(this, "__getitem__", Dataflow.NodeKind.CallMethod, t, CallArgs.Of(t, index), at);
                return TensorIndexing.Index(call, t, index);
            }

            case PyList or PyTuple:
            {
                var items = owner is PyList l ? l.Items : (IReadOnlyList<PyValue>)((PyTuple)owner).Items;
                if (index is PySlice slice)
                {
                    if (SliceIndices(slice, items.Count) is not { } range)
                    {
                        return Unknown(TextOf(at), at);
                    }

                    var picked = new List<PyValue>();
                    for (var i = range.Start; range.Step > 0 ? i < range.Stop : i > range.Stop; i += range.Step)
                    {
                        picked.Add(items[i]);
                    }

                    return owner is PyList ? new PyList(picked) : new PyTuple([.. picked], ((PyTuple)owner).IsSize);
                }

                return PyNumbers.ToLong(index) is { } k && NormalizeIndex(k, items.Count) is { } at2 ? items[at2] : Unknown(TextOf(at), at);
            }

            case PyDict d:
                return d.TryGet(index, out var value) ? value : Unknown(TextOf(at), at);
            case PyStr s:
                return PyNumbers.ToLong(index) is { } ci && NormalizeIndex(ci, s.Value.Length) is { } cat ? new PyStr(s.Value[cat].ToString()) : Unknown(TextOf(at), at);
            case PyRange r:
                return PyNumbers.ToLong(index) is { } ri && ri >= -r.Count && ri < r.Count ? PyInt.Of(r[ri < 0 ? ri + r.Count : ri]) : Unknown(TextOf(at), at);
            case PyContainer c:
                return ContainerItem(c, index, at);
            default:
                return Unknown($"{owner.TypeName}[{TextOf(at.Index)}]", at);
        }
    }

    private PyValue ContainerItem(PyContainer c, PyValue index, SubscriptExpr at)
    {
        if (c.Kind == ContainerKind.ModuleDict)
        {
            return index is PyStr key && c.TryGetChild(key.Value, out var child) ? child : Unknown(TextOf(at), at);
        }

        if (index is PySlice slice)
        {
            if (SliceIndices(slice, c.Count) is not { } range)
            {
                return Unknown(TextOf(at), at);
            }

            // Sequential[1:] keeps the children's names (an OrderedDict of the items); ModuleList[1:] renumbers them.
            var sliced = new PyContainer(new Dataflow.ModuleInfo(string.Empty, c.Info.Type, null), c.Kind);
            for (var i = range.Start; range.Step > 0 ? i < range.Stop : i > range.Stop; i += range.Step)
            {
                var name = c.ChildNames[i];
                c.TryGetChild(name, out var item);
                if (c.Kind == ContainerKind.Sequential)
                {
                    sliced.SetChild(name, item);
                }
                else
                {
                    sliced.Append(item);
                }
            }

            return sliced;
        }

        if (PyNumbers.ToLong(index) is { } k && NormalizeIndex(k, c.Count) is { } position)
        {
            c.TryGetChild(c.ChildNames[position], out var item);
            return item;
        }

        return Unknown(TextOf(at), at);
    }

    /// <summary>Python's <c>slice.indices(length)</c>; null when a bound is not a known int.</summary>
    internal static (int Start, int Stop, int Step)? SliceIndices(PySlice slice, int length)
    {
        long step = 1;
        if (slice.Step is not PyNone)
        {
            if (PyNumbers.ToLong(slice.Step) is not { } s || s == 0)
            {
                return null;
            }

            step = s;
        }

        long lower = step < 0 ? length - 1 : 0;
        long upper = step < 0 ? -1 : length;
        if (slice.Lower is not PyNone)
        {
            if (PyNumbers.ToLong(slice.Lower) is not { } l)
            {
                return null;
            }

            lower = Clamp(l, length, step);
        }

        if (slice.Upper is not PyNone)
        {
            if (PyNumbers.ToLong(slice.Upper) is not { } u)
            {
                return null;
            }

            upper = Clamp(u, length, step);
        }

        return ((int)lower, (int)upper, (int)step);

        static long Clamp(long v, int length, long step)
        {
            if (v < 0)
            {
                v += length;
                if (v < 0)
                {
                    v = step < 0 ? -1 : 0;
                }
            }
            else if (v >= length)
            {
                v = step < 0 ? length - 1 : length;
            }

            return v;
        }
    }
}
