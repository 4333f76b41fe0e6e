using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>Assignment targets (names, unpacking, attributes, items) and <c>def</c> / <c>class</c> definitions.</summary>
public sealed partial class Interpreter
{
    internal void Assign(Expr target, PyValue value, Frame frame)
    {
        switch (target)
        {
            case NameExpr n:
                frame.Locals.Set(n.Id, value);
                break;
            case TupleExpr t:
                Unpack(t.Elements, value, target, frame);
                break;
            case ListExpr l:
                Unpack(l.Elements, value, target, frame);
                break;
            case AttributeExpr a:
                SetAttribute(Evaluate(a.Value, frame), a.Attr, value, a);
                break;
            case SubscriptExpr s:
                SetItem(Evaluate(s.Value, frame), Evaluate(s.Index, frame), value, s);
                break;
            case StarredExpr s:
                Assign(s.Value, value, frame);
                break;
            default:
                Note(SpanOf(target), TextOf(target), "assigning to this target is not supported");
                break;
        }
    }

    private void Unpack(IReadOnlyList<Expr> targets, PyValue value, Expr at, Frame frame)
    {
        var star = -1;
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i] is StarredExpr)
            {
                star = i;
            }
        }

        var items = UnpackItems(value, targets.Count, star >= 0);
        if (items is null || (star < 0 ? items.Count != targets.Count : items.Count < targets.Count - 1))
        {
            var unknown = value as PyUnknown ?? new PyUnknown($"unpacking {TextOf(at)}", SpanOf(at));
            for (var i = 0; i < targets.Count; i++)
            {
                Assign(targets[i], unknown, frame);
            }

            return;
        }

        if (star < 0)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                Assign(targets[i], items[i], frame);
            }

            return;
        }

        var after = targets.Count - star - 1;
        for (var i = 0; i < star; i++)
        {
            Assign(targets[i], items[i], frame);
        }

        Assign(targets[star], new PyList(items.GetRange(star, items.Count - star - after)), frame);
        for (var i = 0; i < after; i++)
        {
            Assign(targets[star + 1 + i], items[items.Count - after + i], frame);
        }
    }

    /// <summary>The items unpacking <paramref name="value"/> gives; null when not known (a tensor of unknown size, an unknown value).</summary>
    private List<PyValue>? UnpackItems(PyValue value, int count, bool starred)
    {
        switch (value)
        {
            case PyTuple t:
                return [.. t.Items];
            case PyList l:
                return [.. l.Items];
            case PyTensor { Shape: { Rank: > 0 } shape } tensor when shape[0].IsKnown && (shape[0].Value == count || starred) && shape[0].Value <= 64:
            {
                var rest = shape.Slice(1, shape.Rank);
                var list = new List<PyValue>((int)shape[0].Value);
                for (var i = 0; i < shape[0].Value; i++)
                {
                    list.Add(MakeTensor(Dataflow.NodeKind.CallMethod, "__getitem__", _statementSpan, rest, null, [tensor], i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Graph is null ? null : [ToArg(tensor), new Dataflow.ConstArg((long)i)]));
                }

                return list;
            }

            default:
                return Iterate(value, null);
        }
    }

    /// <summary><c>obj.name = value</c>, with <c>nn.Module.__setattr__</c>: a module value registers a child, in assignment order.</summary>
    internal void SetAttribute(PyValue owner, string name, PyValue value, Python.Syntax.Node at)
    {
        switch (owner)
        {
            case PyModule m:
                if (value is PyModule)
                {
                    m.SetChild(name, value);
                }
                else if (value is PyNone && m.TryGetChild(name, out _))
                {
                    m.SetChild(name, value);
                }
                else
                {
                    m.RemoveChild(name);
                    m.Attributes[name] = value;
                    if (value is PyTensor t && Graph is null)
                    {
                        var kind = t.IsParameter ? Dataflow.ModuleTensorKind.Parameter
                            : m.Info.Buffers.Exists(b => b.Name == name) ? Dataflow.ModuleTensorKind.Buffer
                            : m.Info.Parameters.Exists(p => p.Name == name) ? Dataflow.ModuleTensorKind.Parameter
                            : Dataflow.ModuleTensorKind.Plain;
                        var persistent = m.Info.Buffers.Find(b => b.Name == name)?.Persistent ?? true;
                        m.Info.SetTensor(new Dataflow.ModuleTensor(name, t.Shape, t.Init ?? Dataflow.TensorInit.Unknown, persistent), kind);
                    }
                }

                break;
            case PyObject o:
                o.Attributes[name] = value;
                break;
            case PyClass c:
                c.Attributes[name] = value;
                break;
            case PyFunction:
            case PyUnknown:
                break;
            default:
                Note(SpanOf(at), TextOf(at), $"setting an attribute of {owner.TypeName} is not followed");
                break;
        }
    }

    private void SetItem(PyValue owner, PyValue index, PyValue value, SubscriptExpr at)
    {
        switch (owner)
        {
            case PyList l when PyNumbers.ToLong(index) is { } i && NormalizeIndex(i, l.Items.Count) is { } k:
                l.Items[k] = value;
                return;
            case PyDict d when index is not PyUnknown:
                d.Set(index, value);
                return;
            case PyContainer { Kind: ContainerKind.ModuleDict } c when index is PyStr s:
                c.SetChild(s.Value, value);
                return;
            case PyContainer c when PyNumbers.ToLong(index) is { } i && NormalizeIndex(i, c.Count) is { } k:
                c.SetChild(c.ChildNames[k], value);
                return;
            case PyTensor:
                // x[mask] = 0 and friends change values, not shapes.
                return;
            case PyUnknown:
                return;
        }

        if (owner is PyList or PyDict)
        {
            MarkIncompleteValue(owner);
        }

        Note(SpanOf(at), TextOf(at), "this item assignment is not followed");
    }

    private static void MarkIncompleteValue(PyValue owner)
    {
        if (owner is PyList l)
        {
            l.Items.Clear();
        }
    }

    private PyFunction DefineFunction(FunctionDefStmt s, Frame frame)
    {
        var defaults = EvaluateDefaults(s.Parameters, frame);
        var isStatic = false;
        var isClassMethod = false;
        var isProperty = false;
        foreach (var d in s.Decorators)
        {
            var name = d switch
            {
                NameExpr n => n.Id,
                AttributeExpr a => a.Attr,
                _ => string.Empty,
            };
            isStatic |= name == "staticmethod";
            isClassMethod |= name == "classmethod";
            isProperty |= name == "property";
        }

        return new PyFunction(s.Name, s.Parameters, defaults, frame.Locals)
        {
            Body = s.Body,
            IsStatic = isStatic,
            IsClassMethod = isClassMethod,
            IsProperty = isProperty,
            IsGenerator = ContainsYield(s.Body),
            DefiningClass = frame.Locals.IsClassBody ? _definingClass : null,
        };
    }

    private PyValue?[] EvaluateDefaults(IReadOnlyList<Parameter> parameters, Frame frame)
    {
        var defaults = new PyValue?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Default is { } d)
            {
                defaults[i] = Evaluate(d, frame);
            }
        }

        return defaults;
    }

    private PyClass? _definingClass;

    private PyValue DefineClass(ClassDefStmt s, Frame frame)
    {
        var bases = new List<PyValue>(s.Bases.Count);
        foreach (var b in s.Bases)
        {
            if (b.Kind == ArgumentKind.Positional)
            {
                bases.Add(Evaluate(b.Value, frame));
            }
        }

        var cls = new PyClass(s.Name, s, bases);
        var scope = new Scope(frame.Locals, frame.Locals.Globals, isClassBody: true);
        var saved = _definingClass;
        _definingClass = cls;
        Execute(s.Body, new Frame(scope, null, null));
        _definingClass = saved;
        foreach (var (name, value) in scope.Variables)
        {
            cls.Attributes[name] = value;
        }

        return cls;
    }

    private static bool ContainsYield(IReadOnlyList<Stmt> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case ExprStmt { Value: YieldExpr or YieldFromExpr }:
                case AssignStmt { Value: YieldExpr or YieldFromExpr }:
                    return true;
                case IfStmt i when ContainsYield(i.Body) || ContainsYield(i.OrElse):
                    return true;
                case ForStmt f when ContainsYield(f.Body):
                    return true;
                case WhileStmt w when ContainsYield(w.Body):
                    return true;
                case WithStmt w when ContainsYield(w.Body):
                    return true;
                case TryStmt t when ContainsYield(t.Body):
                    return true;
            }
        }

        return false;
    }
}
