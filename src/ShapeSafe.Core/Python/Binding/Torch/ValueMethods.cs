using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Methods of plain Python values: list (append, extend, insert, pop, ...), dict (keys, items, get, ...), str and tuple.</summary>
public static class ValueMethods
{
    /// <summary>The bound method <paramref name="name"/> of <paramref name="owner"/>; null when not modelled.</summary>
    public static PyValue? Get(PyValue owner, string name) => owner switch
    {
        PyTuple { Fields: { } fields } t when Array.IndexOf(fields, name) is >= 0 and var field => t.Items[field],
        PyList l => ListMethod(l, name),
        PyDict d => DictMethod(d, name),
        PyStr s => StrMethod(s, name),
        PyTuple t => TupleMethod(t, name),
        _ => null,
    };

    private static PyBuiltin? ListMethod(PyList l, string name) => name switch
    {
        "append" => new PyBuiltin("list.append", c =>
        {
            l.Items.Add(c.Arg(0, null) ?? PyNone.Instance);
            return PyNone.Instance;
        }, l),
        "extend" => new PyBuiltin("list.extend", c =>
        {
            if (c.Arg(0, null) is { } v && c.Interpreter.Iterate(v, null) is { } items)
            {
                l.Items.AddRange(items);
            }
            else
            {
                l.Items.Add(new PyUnknown("items added by extend() of a value not known", c.Span));
            }

            return PyNone.Instance;
        }, l),
        "insert" => new PyBuiltin("list.insert", c =>
        {
            if (c.Long(0, null) is { } index && c.Arg(1, null) is { } value)
            {
                var i = (int)Math.Clamp(index < 0 ? index + l.Items.Count : index, 0, l.Items.Count);
                l.Items.Insert(i, value);
            }

            return PyNone.Instance;
        }, l),
        "pop" => new PyBuiltin("list.pop", c =>
        {
            var index = c.Long(0, null, -1);
            if (index is not { } i || l.Items.Count == 0)
            {
                return new PyUnknown("list.pop()", c.Span);
            }

            var at = (int)(i < 0 ? i + l.Items.Count : i);
            if (at < 0 || at >= l.Items.Count)
            {
                return new PyUnknown("list.pop()", c.Span);
            }

            var item = l.Items[at];
            l.Items.RemoveAt(at);
            return item;
        }, l),
        "copy" => new PyBuiltin("list.copy", _ => new PyList([.. l.Items]), l),
        "reverse" => new PyBuiltin("list.reverse", _ =>
        {
            l.Items.Reverse();
            return PyNone.Instance;
        }, l),
        "clear" => new PyBuiltin("list.clear", _ =>
        {
            l.Items.Clear();
            return PyNone.Instance;
        }, l),
        "index" => new PyBuiltin("list.index", c => IndexOf(l.Items, c), l),
        "count" => new PyBuiltin("list.count", c => Count(l.Items, c), l),
        _ => null,
    };

    private static PyValue IndexOf(IReadOnlyList<PyValue> items, TorchCall c)
    {
        var target = c.Arg(0, null) ?? PyNone.Instance;
        for (var i = 0; i < items.Count; i++)
        {
            switch (PyEquality.Equal(items[i], target))
            {
                case true:
                    return PyInt.Of(i);
                case null:
                    return new PyUnknown("index() of a value not known", c.Span);
            }
        }

        return new PyUnknown("index() of a value not in the list", c.Span);
    }

    private static PyValue Count(IReadOnlyList<PyValue> items, TorchCall c)
    {
        var target = c.Arg(0, null) ?? PyNone.Instance;
        var n = 0;
        foreach (var item in items)
        {
            switch (PyEquality.Equal(item, target))
            {
                case true:
                    n++;
                    break;
                case null:
                    return new PyUnknown("count() of a value not known", c.Span);
            }
        }

        return PyInt.Of(n);
    }

    private static PyBuiltin? DictMethod(PyDict d, string name) => name switch
    {
        "keys" => new PyBuiltin("dict.keys", _ => new PyList([.. d.Keys]), d),
        "values" => new PyBuiltin("dict.values", _ => new PyList([.. d.Values]), d),
        "items" => new PyBuiltin("dict.items", _ =>
        {
            var list = new List<PyValue>(d.Keys.Count);
            for (var i = 0; i < d.Keys.Count; i++)
            {
                list.Add(new PyTuple([d.Keys[i], d.Values[i]]));
            }

            return new PyList(list);
        }, d),
        "get" => new PyBuiltin("dict.get", c => c.Arg(0, null) is { } key && d.TryGet(key, out var v) ? v : c.Arg(1, null) ?? PyNone.Instance, d),
        "pop" => new PyBuiltin("dict.pop", c =>
        {
            if (c.Arg(0, null) is { } key && d.TryGet(key, out var v))
            {
                d.Remove(key);
                return v;
            }

            return c.Arg(1, null) ?? new PyUnknown("dict.pop() of a missing key", c.Span);
        }, d),
        "setdefault" => new PyBuiltin("dict.setdefault", c =>
        {
            if (c.Arg(0, null) is not { } key)
            {
                return PyNone.Instance;
            }

            if (!d.TryGet(key, out var v))
            {
                v = c.Arg(1, null) ?? PyNone.Instance;
                d.Set(key, v);
            }

            return v;
        }, d),
        "update" => new PyBuiltin("dict.update", c =>
        {
            if (c.Arg(0, null) is PyDict other)
            {
                for (var i = 0; i < other.Keys.Count; i++)
                {
                    d.Set(other.Keys[i], other.Values[i]);
                }
            }

            for (var i = 0; i < c.Args.Names.Length; i++)
            {
                d.Set(new PyStr(c.Args.Names[i]), c.Args.NamedValues[i]);
            }

            return PyNone.Instance;
        }, d),
        "copy" => new PyBuiltin("dict.copy", _ =>
        {
            var copy = new PyDict();
            for (var i = 0; i < d.Keys.Count; i++)
            {
                copy.Set(d.Keys[i], d.Values[i]);
            }

            return copy;
        }, d),
        _ => null,
    };

    private static PyBuiltin? StrMethod(PyStr s, string name) => name switch
    {
        "format" => new PyBuiltin("str.format", c => Format(s.Value, c), s),
        "upper" => new PyBuiltin("str.upper", _ => new PyStr(s.Value.ToUpperInvariant()), s),
        "lower" => new PyBuiltin("str.lower", _ => new PyStr(s.Value.ToLowerInvariant()), s),
        "strip" => new PyBuiltin("str.strip", _ => new PyStr(s.Value.Trim()), s),
        "startswith" => new PyBuiltin("str.startswith", c => c.Arg(0, null) is PyStr p ? PyBool.Of(s.Value.StartsWith(p.Value, StringComparison.Ordinal)) : new PyUnknown("str.startswith", c.Span), s),
        "endswith" => new PyBuiltin("str.endswith", c => c.Arg(0, null) is PyStr p ? PyBool.Of(s.Value.EndsWith(p.Value, StringComparison.Ordinal)) : new PyUnknown("str.endswith", c.Span), s),
        "replace" => new PyBuiltin("str.replace", c => c.Arg(0, null) is PyStr a && c.Arg(1, null) is PyStr b && a.Value.Length > 0 ? new PyStr(s.Value.Replace(a.Value, b.Value, StringComparison.Ordinal)) : new PyUnknown("str.replace", c.Span), s),
        "join" => new PyBuiltin("str.join", c =>
        {
            if (c.Arg(0, null) is not { } v || c.Interpreter.Iterate(v, null) is not { } items)
            {
                return new PyUnknown("str.join", c.Span);
            }

            var parts = new List<string>(items.Count);
            foreach (var item in items)
            {
                if (item is not PyStr p)
                {
                    return new PyUnknown("str.join", c.Span);
                }

                parts.Add(p.Value);
            }

            return new PyStr(string.Join(s.Value, parts));
        }, s),
        "split" => new PyBuiltin("str.split", c =>
        {
            var parts = c.Arg(0, "sep") is PyStr sep
                ? s.Value.Split(sep.Value)
                : s.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return new PyList([.. parts.Select(p => (PyValue)new PyStr(p))]);
        }, s),
        _ => null,
    };

    /// <summary>str.format with positional <c>{}</c>/<c>{0}</c> and named <c>{name}</c> fields (format specs ignored).</summary>
    private static PyValue Format(string template, TorchCall c)
    {
        var result = new System.Text.StringBuilder();
        var auto = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var ch = template[i];
            if ((ch == '{' || ch == '}') && i + 1 < template.Length && template[i + 1] == ch)
            {
                result.Append(ch);
                i++;
                continue;
            }

            if (ch != '{')
            {
                result.Append(ch);
                continue;
            }

            var end = template.IndexOf('}', i);
            if (end < 0)
            {
                return new PyUnknown("str.format", c.Span);
            }

            var field = template[(i + 1)..end];
            var colon = field.IndexOfAny([':', '!']);
            if (colon >= 0)
            {
                field = field[..colon];
            }

            PyValue? value = field.Length == 0 ? c.Arg(auto++, null)
                : int.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? c.Arg(index, null)
                : c.Arg(-1, field);
            if (value is null || Interpreter.Str(value) is not { } text)
            {
                return new PyUnknown("str.format of values not known", c.Span);
            }

            result.Append(text);
            i = end;
        }

        return new PyStr(result.ToString());
    }

    private static PyBuiltin? TupleMethod(PyTuple t, string name) => name switch
    {
        "index" => new PyBuiltin("tuple.index", c => IndexOf(t.Items, c), t),
        "count" => new PyBuiltin("tuple.count", c => Count(t.Items, c), t),
        "numel" when t.IsSize => new PyBuiltin("Size.numel", c =>
        {
            var dims = TorchCall.DimsOf(t);
            return dims is null ? new PyUnknown("Size.numel()", c.Span) : PyInt.Of(new ShapeSafe.Shapes.Shape(dims).Product());
        }, t),
        _ => null,
    };
}
