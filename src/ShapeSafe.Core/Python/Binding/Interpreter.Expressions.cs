using System.Text;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding;

/// <summary>Expressions: literals, names, containers, comprehensions, conditionals and f-strings.</summary>
public sealed partial class Interpreter
{
    internal PyValue Evaluate(Expr e, Frame frame)
    {
        if (_limitReached)
        {
            return new PyUnknown("the work limit was reached", SpanOf(e));
        }

        if (++_expressionDepth > _limits.MaxExpressionDepth)
        {
            _expressionDepth--;
            StopAtLimit($"expressions nested more than {_limits.MaxExpressionDepth} deep");
            return new PyUnknown("the work limit was reached", SpanOf(e));
        }

        try
        {
            return EvaluateCore(e, frame);
        }
        finally
        {
            _expressionDepth--;
        }
    }

    private PyValue EvaluateCore(Expr e, Frame frame)
    {
        switch (e)
        {
            case IntExpr i:
                return i.Value is { } v ? PyInt.Of(v) : Unknown("an integer literal beyond 64 bits", e);
            case FloatExpr f:
                return new PyFloat(f.Value);
            case StringExpr s:
                return s.IsFString ? FormatString(s, frame) : s.IsBytes ? new PyOpaque("bytes") : new PyStr(s.Value);
            case ConstantExpr c:
                return c.Kind switch
                {
                    ConstantKind.None => PyNone.Instance,
                    ConstantKind.True => PyBool.True,
                    ConstantKind.False => PyBool.False,
                    _ => PyEllipsis.Instance,
                };
            case NameExpr n:
                return frame.Locals.TryLookup(n.Id, out var value) ? value : LookupFallback(n);
            case AttributeExpr a:
                return GetAttribute(Evaluate(a.Value, frame), a.Attr, a);
            case SubscriptExpr s:
                return GetItem(Evaluate(s.Value, frame), Evaluate(s.Index, frame), s);
            case CallExpr c:
                return EvaluateCall(c, frame);
            case BinaryExpr b:
            {
                var left = Evaluate(b.Left, frame);
                var right = Evaluate(b.Right, frame);
                return Binary(b.Op, left, right, b, inPlace: false);
            }

            case UnaryExpr u:
                return Unary(u.Op, Evaluate(u.Operand, frame), u);
            case BoolOpExpr b:
                return BoolOp(b, frame);
            case CompareExpr c:
                return Compare(c, frame);
            case IfExpr i:
            {
                var test = Evaluate(i.Test, frame);
                switch (Truth(test))
                {
                    case true:
                        return Evaluate(i.Body, frame);
                    case false:
                        return Evaluate(i.OrElse, frame);
                    default:
                        var why = test is PyUnknown u ? u.Reason : "it depends on tensor values";
                        Report(Diagnostic.Create(DiagnosticCatalog.UnknownCondition, SpanOf(i.Test), TextOf(i.Test), why));
                        Graph?.Unfollowed.Add(new Dataflow.UnfollowedStatement(SpanOf(i.Test), "conditional expression", TextOf(i.Test), why));
                        return Unknown($"the value of {TextOf(i)}", i);
                }
            }

            case TupleExpr t:
                return ElementsOf(t.Elements, frame) is { } items ? new PyTuple([.. items]) : Unknown($"the items of {TextOf(t)}", t);
            case ListExpr l:
                return ElementsOf(l.Elements, frame) is { } list ? new PyList(list) : Unknown($"the items of {TextOf(l)}", l);
            case SetExpr s:
                return ElementsOf(s.Elements, frame) is { } set ? new PyList(set) : Unknown($"the items of {TextOf(s)}", s);
            case DictExpr d:
                return EvaluateDict(d, frame);
            case ListCompExpr l:
                return Comprehend(l.Element, null, l.Generators, frame, l) ?? Unknown($"the items of {TextOf(l)}", l);
            case SetCompExpr s:
                return Comprehend(s.Element, null, s.Generators, frame, s) ?? Unknown($"the items of {TextOf(s)}", s);
            case GeneratorExpr g:
                return Comprehend(g.Element, null, g.Generators, frame, g) ?? Unknown($"the items of {TextOf(g)}", g);
            case DictCompExpr d:
                return Comprehend(d.Key, d.Value, d.Generators, frame, d) ?? Unknown($"the items of {TextOf(d)}", d);
            case LambdaExpr l:
                return new PyFunction("<lambda>", l.Parameters, EvaluateDefaults(l.Parameters, frame), frame.Locals) { LambdaBody = l.Body };
            case SliceExpr s:
                return new PySlice(
                    s.Lower is null ? PyNone.Instance : Evaluate(s.Lower, frame),
                    s.Upper is null ? PyNone.Instance : Evaluate(s.Upper, frame),
                    s.Step is null ? PyNone.Instance : Evaluate(s.Step, frame));
            case StarredExpr s:
                return Evaluate(s.Value, frame);
            case NamedExpr n:
            {
                var named = Evaluate(n.Value, frame);
                Assign(n.Target, named, frame);
                return named;
            }

            default:
                Note(SpanOf(e), TextOf(e), "this expression is not supported by the checker");
                return Unknown(TextOf(e), e);
        }
    }

    /// <summary>Items of a tuple, list or set display, with <c>*xs</c> expanded; null when a starred part is not a known sequence.</summary>
    private List<PyValue>? ElementsOf(IReadOnlyList<Expr> elements, Frame frame)
    {
        var items = new List<PyValue>(elements.Count);
        foreach (var element in elements)
        {
            if (element is StarredExpr s)
            {
                var spread = Evaluate(s.Value, frame);
                if (Iterate(spread, s) is not { } expanded)
                {
                    return null;
                }

                items.AddRange(expanded);
            }
            else
            {
                items.Add(Evaluate(element, frame));
            }
        }

        return items;
    }

    private PyValue EvaluateDict(DictExpr d, Frame frame)
    {
        var dict = new PyDict();
        for (var i = 0; i < d.Values.Count; i++)
        {
            if (d.Keys[i] is { } key)
            {
                dict.Set(Evaluate(key, frame), Evaluate(d.Values[i], frame));
            }
            else if (Evaluate(d.Values[i], frame) is PyDict other)
            {
                for (var k = 0; k < other.Keys.Count; k++)
                {
                    dict.Set(other.Keys[k], other.Values[k]);
                }
            }
            else
            {
                return Unknown($"the items of {TextOf(d)}", d);
            }
        }

        return dict;
    }

    /// <summary>A comprehension, evaluated eagerly in its own scope; null when an iterable is not known.</summary>
    private PyValue? Comprehend(Expr element, Expr? value, IReadOnlyList<Comprehension> generators, Frame frame, Expr at)
    {
        var scope = new Scope(frame.Locals, frame.Locals.Globals);
        var inner = new Frame(scope, frame.Function, frame.FirstArgument);
        var list = new List<PyValue>();
        var dict = value is null ? null : new PyDict();
        return Generate(0) ? (dict is not null ? dict : new PyList(list)) : null;

        bool Generate(int level)
        {
            if (level == generators.Count)
            {
                if (dict is not null)
                {
                    dict.Set(Evaluate(element, inner), Evaluate(value!, inner));
                }
                else
                {
                    list.Add(Evaluate(element, inner));
                }

                return !_limitReached;
            }

            var g = generators[level];
            var iterable = Evaluate(g.Iter, level == 0 ? frame : inner);
            if (Iterate(iterable, g.Iter) is not { } items)
            {
                return false;
            }

            var count = 0;
            foreach (var item in items)
            {
                if (++count > _limits.MaxIterations)
                {
                    StopAtLimit($"a comprehension ran more than {_limits.MaxIterations} times");
                    return false;
                }

                Assign(g.Target, item, inner);
                var keep = true;
                foreach (var condition in g.Ifs)
                {
                    var truth = Truth(Evaluate(condition, inner));
                    if (truth is null)
                    {
                        return false;
                    }

                    keep &= truth.Value;
                }

                if (keep && !Generate(level + 1))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>An f-string: each replacement field written back with the value's <c>str()</c>; unknown when a value is.</summary>
    private PyValue FormatString(StringExpr s, Frame frame)
    {
        var text = s.Value;
        var result = new StringBuilder(text.Length + 16);
        var part = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                result.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                result.Append('}');
                i++;
                continue;
            }

            if (c != '{')
            {
                result.Append(c);
                continue;
            }

            var depth = 1;
            var j = i + 1;
            while (j < text.Length && depth > 0)
            {
                depth += text[j] == '{' ? 1 : text[j] == '}' ? -1 : 0;
                j++;
            }

            if (part >= s.Parts.Count)
            {
                return Unknown($"the text of {TextOf(s)}", s);
            }

            var value = Evaluate(s.Parts[part++], frame);
            if (Str(value) is not { } str)
            {
                return Unknown($"the text of {TextOf(s)}", s);
            }

            result.Append(str);
            i = j - 1;
        }

        return new PyStr(result.ToString());
    }

    /// <summary>Python's <c>str()</c> of a value the binder knows; null when not known.</summary>
    internal static string? Str(PyValue value) => value switch
    {
        PyStr s => s.Value,
        PyInt { IsKnown: true } i => i.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PyBool b => b.Value ? "True" : "False",
        PyFloat f => ShapeSafe.Layers.PyTorchText.Float(f.Value),
        PyNone => "None",
        _ => null,
    };

    /// <summary>Truthiness: known for constants, containers and modules; null for tensors and unknown values.</summary>
    internal static bool? Truth(PyValue value) => value switch
    {
        PyContainer c => c.Count > 0,
        PyModule => true,
        _ => value.Truth,
    };

    /// <summary>The items a for loop over <paramref name="value"/> visits; null when not known.</summary>
    internal List<PyValue>? Iterate(PyValue value, Expr? at)
    {
        switch (value)
        {
            case PyList l:
                return [.. l.Items];
            case PyTuple t:
                return [.. t.Items];
            case PyRange r:
            {
                var count = r.Count;
                if (count > _limits.MaxIterations)
                {
                    StopAtLimit($"range of {count} items is longer than {_limits.MaxIterations}");
                    return null;
                }

                var items = new List<PyValue>((int)count);
                for (long i = 0; i < count; i++)
                {
                    items.Add(PyInt.Of(r[i]));
                }

                return items;
            }

            case PyStr s:
            {
                var items = new List<PyValue>(s.Value.Length);
                foreach (var c in s.Value)
                {
                    items.Add(new PyStr(c.ToString()));
                }

                return items;
            }

            case PyDict d:
                return [.. d.Keys];
            case PyContainer { Kind: ContainerKind.ModuleDict } c:
            {
                var keys = new List<PyValue>(c.Count);
                foreach (var name in c.ChildNames)
                {
                    keys.Add(new PyStr(name));
                }

                return keys;
            }

            case PyContainer c:
                return c.Items;
            case PyUserModule { Class.ContainerBase: ContainerKind.Sequential or ContainerKind.ModuleList } um:
            {
                var children = new List<PyValue>(um.ChildNames.Count);
                foreach (var name in um.ChildNames)
                {
                    um.TryGetChild(name, out var child);
                    children.Add(child);
                }

                return children;
            }
            case PyTensor { Shape: { Rank: > 0 } shape } tensor when shape[0].IsKnown && shape[0].Value <= 64:
            {
                var rest = shape.Slice(1, shape.Rank);
                var items = new List<PyValue>((int)shape[0].Value);
                for (var i = 0; i < shape[0].Value; i++)
                {
                    items.Add(MakeTensor(Dataflow.NodeKind.CallMethod, "__getitem__", at is null ? _statementSpan : SpanOf(at), rest, null, [tensor],
                        i.ToString(System.Globalization.CultureInfo.InvariantCulture), Graph is null ? null : [ToArg(tensor), new Dataflow.ConstArg((long)i)]));
                }

                return items;
            }

            default:
                return null;
        }
    }
}
