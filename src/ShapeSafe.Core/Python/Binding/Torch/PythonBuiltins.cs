using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Python's builtins the binder evaluates (<c>len</c>, <c>range</c>, <c>zip</c>, <c>isinstance</c>, ...), under <c>builtins.NAME</c>.</summary>
public static class PythonBuiltins
{
    public static void Register(TorchTable t)
    {
        t.Function(Len, "builtins.len");
        t.Function(Range, "builtins.range");
        t.Function(Enumerate, "builtins.enumerate");
        t.Function(Zip, "builtins.zip");
        t.Function(c => MinMax(c, max: false), "builtins.min");
        t.Function(c => MinMax(c, max: true), "builtins.max");
        t.Function(Sum, "builtins.sum");
        t.Function(Abs, "builtins.abs");
        t.Function(Int, "builtins.int");
        t.Function(Float, "builtins.float");
        t.Function(c => c.Arg(0, null) is { } v ? Interpreter.Truth(v) is { } b ? PyBool.Of(b) : new PyUnknown("bool of a value not known", c.Span) : PyBool.False, "builtins.bool");
        t.Function(c => c.Arg(0, null) is { } v ? Interpreter.Str(v) is { } s ? new PyStr(s) : new PyUnknown("str of a value not known", c.Span) : PyStr.Empty, "builtins.str");
        t.Function(c => Sequence(c, tuple: false), "builtins.list");
        t.Function(c => Sequence(c, tuple: true), "builtins.tuple");
        t.Function(Dict, "builtins.dict");
        t.Function(Sorted, "builtins.sorted");
        t.Function(Reversed, "builtins.reversed");
        t.Function(c => AnyAll(c, any: true), "builtins.any");
        t.Function(c => AnyAll(c, any: false), "builtins.all");
        t.Function(_ => PyNone.Instance, "builtins.print");
        t.Function(GetAttr, "builtins.getattr");
        t.Function(SetAttr, "builtins.setattr");
        t.Function(HasAttr, "builtins.hasattr");
        t.Function(IsInstance, "builtins.isinstance");
        t.Function(Round, "builtins.round");
        t.Function(Map, "builtins.map");
        t.Function(c => c.Arg(0, null) ?? PyNone.Instance, "builtins.iter", "builtins.id");
        t.Function(c => new PyUnknown("type() of a value", c.Span), "builtins.type");
        t.Function(c => c.Arg(0, null) is { } v ? c.Interpreter.Iterate(v, null) is { Count: > 0 } items ? items[0] : new PyUnknown("next() of a value not known", c.Span) : PyNone.Instance, "builtins.next");
        t.Function(c => Sequence(c, tuple: false), "builtins.set", "builtins.frozenset");
        t.Function(c => c.Arg(1, "val") ?? PyNone.Instance, "typing.cast");
        t.Constant("builtins.Ellipsis", PyEllipsis.Instance);
        t.Constant("builtins.NotImplemented", new PyOpaque("NotImplemented"));
    }

    private static PyValue Len(TorchCall c)
    {
        switch (c.Arg(0, null))
        {
            case PyList l:
                return PyInt.Of(l.Items.Count);
            case PyTuple t:
                return PyInt.Of(t.Items.Length);
            case PyDict d:
                return PyInt.Of(d.Keys.Count);
            case PyStr s:
                return PyInt.Of(s.Value.Length);
            case PyRange r:
                return PyInt.Of(r.Count);
            case PyContainer m:
                return PyInt.Of(m.Count);
            case PyUserModule { Class.ContainerBase: not null } um:
                return PyInt.Of(um.ChildNames.Count);
            case PyTensor { Shape: { Rank: > 0 } shape }:
                return c.SizeResult(PyInt.Of(shape[0]));
            case PyTensor { Shape.Rank: 0 }:
                return c.Fail("len() of a 0-d tensor");
            default:
                return new PyUnknown("len() of a value not known", c.Span);
        }
    }

    private static PyValue Range(TorchCall c)
    {
        var a = c.Long(0, "start");
        var b = c.Long(1, "stop");
        var s = c.Long(2, "step", 1);
        if (c.Args.Positional.Length == 1)
        {
            return a is { } stop ? new PyRange(0, stop, 1) : new PyUnknown("range() of a size not known", c.Span);
        }

        return a is { } start && b is { } end && s is { } step && step != 0 ? new PyRange(start, end, step) : new PyUnknown("range() of a size not known", c.Span);
    }

    private static PyValue Enumerate(TorchCall c)
    {
        if (c.Arg(0, "iterable") is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown("enumerate() of a value not known", c.Span);
        }

        var start = c.Long(1, "start", 0) ?? 0;
        var list = new List<PyValue>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            list.Add(new PyTuple([PyInt.Of(start + i), items[i]]));
        }

        return new PyList(list);
    }

    private static PyValue Zip(TorchCall c)
    {
        var sources = new List<List<PyValue>>();
        foreach (var v in c.Args.Positional)
        {
            if (c.Interpreter.Iterate(v, null) is not { } items)
            {
                return new PyUnknown("zip() of a value not known", c.Span);
            }

            sources.Add(items);
        }

        var count = sources.Count == 0 ? 0 : sources.Min(s => s.Count);
        var list = new List<PyValue>(count);
        for (var i = 0; i < count; i++)
        {
            var tuple = new PyValue[sources.Count];
            for (var k = 0; k < sources.Count; k++)
            {
                tuple[k] = sources[k][i];
            }

            list.Add(new PyTuple(tuple));
        }

        return new PyList(list);
    }

    private static List<PyValue>? Operands(TorchCall c)
    {
        if (c.Args.Positional.Length == 1)
        {
            return c.Interpreter.Iterate(c.Args.Positional[0], null);
        }

        return [.. c.Args.Positional];
    }

    private static PyValue MinMax(TorchCall c, bool max)
    {
        if (c.Args.Positional.Length == 2 && c.Args.Positional[0] is PyTensor || c.Args.Positional is [_, PyTensor])
        {
            return c.NotFollowed("min/max of tensors is not modelled");
        }

        if (Operands(c) is not { Count: > 0 } items)
        {
            return new PyUnknown("min/max of values not known", c.Span);
        }

        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            var a = PyNumbers.ToDouble(best);
            var b = PyNumbers.ToDouble(items[i]);
            if (a is null || b is null)
            {
                return new PyUnknown("min/max of values not known", c.Span);
            }

            if (max ? b > a : b < a)
            {
                best = items[i];
            }
        }

        return best;
    }

    private static PyValue Sum(TorchCall c)
    {
        if (c.Arg(0, "iterable") is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown("sum() of a value not known", c.Span);
        }

        var total = c.Arg(1, "start") ?? PyInt.Of(0);
        if (total is PyTensor || items.Any(i => i is PyTensor))
        {
            // sum() over tensors is start + a + b + ...: the same additions (and broadcasts) as writing them out.
            foreach (var item in items)
            {
                total = c.Interpreter.Binary(ShapeSafe.Python.Syntax.BinaryOperator.Add, total, item, c.Expression, inPlace: false);
            }

            return total;
        }

        Dim acc = 0;
        double facc = 0;
        var isFloat = total is PyFloat;
        if (PyNumbers.ToDim(total) is { } t0)
        {
            acc = t0;
        }
        else if (total is PyFloat f0)
        {
            facc = f0.Value;
        }
        else
        {
            return new PyUnknown("sum() of values not known", c.Span);
        }

        foreach (var item in items)
        {
            if (item is PyFloat f)
            {
                if (!isFloat)
                {
                    if (!acc.IsKnown)
                    {
                        return new PyUnknown("sum() of values not known", c.Span);
                    }

                    facc = acc.Value;
                    isFloat = true;
                }

                facc += f.Value;
            }
            else if (PyNumbers.ToDim(item) is { } d)
            {
                if (isFloat)
                {
                    if (!d.IsKnown)
                    {
                        return new PyUnknown("sum() of values not known", c.Span);
                    }

                    facc += d.Value;
                }
                else
                {
                    acc += d;
                }
            }
            else
            {
                return new PyUnknown("sum() of values not known", c.Span);
            }
        }

        return isFloat ? new PyFloat(facc) : PyInt.Of(acc);
    }

    private static PyValue Abs(TorchCall c) => c.Arg(0, null) switch
    {
        PyInt { IsKnown: true } i => PyInt.Of(Math.Abs(i.Value.Value)),
        PyFloat f => new PyFloat(Math.Abs(f.Value)),
        PyBool b => PyInt.Of(b.Value ? 1 : 0),
        PyTensor t => c.Result(t.Shape),
        _ => new PyUnknown("abs() of a value not known", c.Span),
    };

    private static PyValue Int(TorchCall c) => c.Arg(0, null) switch
    {
        null => PyInt.Of(0),
        PyInt i => i,
        PyBool b => PyInt.Of(b.Value ? 1 : 0),
        PyFloat f when !double.IsNaN(f.Value) && !double.IsInfinity(f.Value) => PyInt.Of((long)Math.Truncate(f.Value)),
        PyStr s when long.TryParse(s.Value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v) => PyInt.Of(v),
        _ => new PyUnknown("int() of a value not known", c.Span),
    };

    private static PyValue Float(TorchCall c) => c.Arg(0, null) switch
    {
        null => new PyFloat(0),
        PyFloat f => f,
        PyStr { Value: "inf" or "+inf" } => new PyFloat(double.PositiveInfinity),
        PyStr { Value: "-inf" } => new PyFloat(double.NegativeInfinity),
        PyStr s when double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) => new PyFloat(v),
        var v when v is not null && PyNumbers.ToDouble(v) is { } d => new PyFloat(d),
        _ => new PyUnknown("float() of a value not known", c.Span),
    };

    private static PyValue Sequence(TorchCall c, bool tuple)
    {
        if (c.Arg(0, null) is not { } v)
        {
            return tuple ? PyTuple.Empty : new PyList([]);
        }

        if (c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown($"{(tuple ? "tuple" : "list")}() of a value not known", c.Span);
        }

        return tuple ? new PyTuple([.. items], v is PyTuple { IsSize: true }) : new PyList(items);
    }

    private static PyValue Dict(TorchCall c)
    {
        var dict = new PyDict();
        if (c.Arg(0, null) is { } source)
        {
            if (source is PyDict d)
            {
                for (var i = 0; i < d.Keys.Count; i++)
                {
                    dict.Set(d.Keys[i], d.Values[i]);
                }
            }
            else if (c.Interpreter.Iterate(source, null) is { } pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair is PyTuple { Items.Length: 2 } kv)
                    {
                        dict.Set(kv.Items[0], kv.Items[1]);
                    }
                    else if (pair is PyList { Items.Count: 2 } kl)
                    {
                        dict.Set(kl.Items[0], kl.Items[1]);
                    }
                    else
                    {
                        return new PyUnknown("dict() of values not known", c.Span);
                    }
                }
            }
            else
            {
                return new PyUnknown("dict() of a value not known", c.Span);
            }
        }

        for (var i = 0; i < c.Args.Names.Length; i++)
        {
            dict.Set(new PyStr(c.Args.Names[i]), c.Args.NamedValues[i]);
        }

        return dict;
    }

    private static PyValue Sorted(TorchCall c)
    {
        if (c.Arg(0, "iterable") is not { } v || c.Interpreter.Iterate(v, null) is not { } items || c.Arg(-1, "key") is not null)
        {
            return new PyUnknown("sorted() of values not known", c.Span);
        }

        var keys = new double[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (PyNumbers.ToDouble(items[i]) is not { } k)
            {
                return items.All(x => x is PyStr) ? new PyList([.. items.OrderBy(x => ((PyStr)x).Value, StringComparer.Ordinal)]) : new PyUnknown("sorted() of values not known", c.Span);
            }

            keys[i] = k;
        }

        var order = Enumerable.Range(0, items.Count).OrderBy(i => keys[i]).ToList();
        if (c.Bool(-1, "reverse", false) == true)
        {
            order.Reverse();
        }

        return new PyList(order.ConvertAll(i => items[i]));
    }

    private static PyValue Reversed(TorchCall c)
    {
        if (c.Arg(0, null) is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown("reversed() of a value not known", c.Span);
        }

        items.Reverse();
        return new PyList(items);
    }

    private static PyValue AnyAll(TorchCall c, bool any)
    {
        if (c.Arg(0, null) is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
        {
            return new PyUnknown("any()/all() of a value not known", c.Span);
        }

        var unknown = false;
        foreach (var item in items)
        {
            switch (Interpreter.Truth(item))
            {
                case null:
                    unknown = true;
                    break;
                case true when any:
                    return PyBool.True;
                case false when !any:
                    return PyBool.False;
            }
        }

        return unknown ? new PyUnknown("any()/all() of values not known", c.Span) : PyBool.Of(!any);
    }

    private static PyValue GetAttr(TorchCall c)
    {
        if (c.Arg(0, null) is not { } owner || c.Arg(1, null) is not PyStr name)
        {
            return new PyUnknown("getattr() with a name not known", c.Span);
        }

        var value = c.Interpreter.GetAttributeOrNull(owner, name.Value, c.Expression);
        return value ?? c.Arg(2, null) ?? new PyUnknown($"getattr(..., '{name.Value}')", c.Span);
    }

    private static PyValue HasAttr(TorchCall c)
    {
        if (c.Arg(0, null) is not { } owner || c.Arg(1, null) is not PyStr name)
        {
            return new PyUnknown("hasattr() with a name not known", c.Span);
        }

        return c.Interpreter.GetAttributeOrNull(owner, name.Value, c.Expression) is null ? (owner is PyUserModule { Incomplete: false } or PyObject ? PyBool.False : new PyUnknown("hasattr()", c.Span)) : PyBool.True;
    }

    private static PyValue SetAttr(TorchCall c)
    {
        if (c.Arg(0, null) is not { } owner || c.Arg(2, null) is not { } value)
        {
            return PyNone.Instance;
        }

        if (c.Arg(1, null) is PyStr name)
        {
            c.Interpreter.SetAttribute(owner, name.Value, value, c.Expression);
        }
        else if (owner is PyUserModule m)
        {
            m.Incomplete = true;
        }

        return PyNone.Instance;
    }

    private static PyValue IsInstance(TorchCall c)
    {
        if (c.Arg(0, null) is not { } value || c.Arg(1, null) is not { } type)
        {
            return new PyUnknown("isinstance()", c.Span);
        }

        return IsInstanceOf(value, type) is { } r ? PyBool.Of(r) : new PyUnknown("isinstance() of a value not known", c.Span);
    }

    private static bool? IsInstanceOf(PyValue value, PyValue type)
    {
        if (type is PyTuple t)
        {
            var unknown = false;
            foreach (var item in t.Items)
            {
                switch (IsInstanceOf(value, item))
                {
                    case true:
                        return true;
                    case null:
                        unknown = true;
                        break;
                }
            }

            return unknown ? null : false;
        }

        if (value is PyUnknown)
        {
            return null;
        }

        switch (type)
        {
            case PyTorchClass tc:
                return tc.CanonicalName switch
                {
                    "torch.nn.Module" => value is PyModule,
                    "torch.Tensor" or "torch.nn.Parameter" => value is PyTensor,
                    _ => value is PyModule m ? m.Info.Type == tc.Name : false,
                };
            case PyClass cls:
                return value switch
                {
                    PyUserModule um => um.Class.Mro.Contains(cls),
                    PyObject o => o.Class.Mro.Contains(cls),
                    _ => false,
                };
            case PyBuiltin b:
                return b.Name switch
                {
                    "int" => value is PyInt or PyBool,
                    "float" => value is PyFloat,
                    "bool" => value is PyBool,
                    "str" => value is PyStr,
                    "list" => value is PyList,
                    "tuple" => value is PyTuple,
                    "dict" => value is PyDict,
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static PyValue Round(TorchCall c)
    {
        if (PyNumbers.ToDouble(c.Arg(0, "number") ?? PyNone.Instance) is not { } v)
        {
            return new PyUnknown("round() of a value not known", c.Span);
        }

        if (c.Long(1, "ndigits") is { } digits)
        {
            return new PyFloat(Math.Round(v, (int)digits, MidpointRounding.ToEven));
        }

        return PyInt.Of((long)Math.Round(v, MidpointRounding.ToEven));
    }

    private static PyValue Map(TorchCall c)
    {
        if (c.Arg(0, null) is not { } function || c.Args.Positional.Length < 2)
        {
            return new PyUnknown("map()", c.Span);
        }

        var sources = new List<List<PyValue>>();
        for (var i = 1; i < c.Args.Positional.Length; i++)
        {
            if (c.Interpreter.Iterate(c.Args.Positional[i], null) is not { } items)
            {
                return new PyUnknown("map() of a value not known", c.Span);
            }

            sources.Add(items);
        }

        var count = sources.Min(s => s.Count);
        var list = new List<PyValue>(count);
        for (var i = 0; i < count; i++)
        {
            var args = new PyValue[sources.Count];
            for (var k = 0; k < sources.Count; k++)
            {
                args[k] = sources[k][i];
            }

            list.Add(c.Interpreter.Call(function, CallArgs.Of(args), c.Expression));
        }

        return new PyList(list);
    }
}
