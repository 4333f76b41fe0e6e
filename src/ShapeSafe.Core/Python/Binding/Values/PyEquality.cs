namespace ShapeSafe.Python.Binding.Values;

/// <summary>Python's <c>==</c> on values the binder knows; null when it cannot tell (symbolic sizes, unknown values).</summary>
public static class PyEquality
{
    public static bool? Equal(PyValue a, PyValue b)
    {
        if (ReferenceEquals(a, b))
        {
            return a is PyUnknown ? null : true;
        }

        switch (a)
        {
            case PyUnknown:
                return null;
            case PyInt or PyBool or PyFloat when b is PyInt or PyBool or PyFloat:
                return NumberEqual(a, b);
            case PyStr sa:
                return b is PyStr sb ? sa.Value == sb.Value : b is PyUnknown ? null : false;
            case PyNone:
                return b is PyUnknown ? null : b is PyNone;
            case PyTuple ta when b is PyTuple tb:
                return SequenceEqual(ta.Items, tb.Items);
            case PyList la when b is PyList lb:
                return SequenceEqual(la.Items, lb.Items);
        }

        return b is PyUnknown || a is PyTensor || b is PyTensor ? null : false;
    }

    private static bool? NumberEqual(PyValue a, PyValue b)
    {
        if (a is PyFloat || b is PyFloat)
        {
            var x = PyNumbers.ToDouble(a);
            var y = PyNumbers.ToDouble(b);
            return x is null || y is null ? null : x.Value == y.Value;
        }

        var da = PyNumbers.ToDim(a)!.Value;
        var db = PyNumbers.ToDim(b)!.Value;
        return da.TryEquals(db);
    }

    private static bool? SequenceEqual(IReadOnlyList<PyValue> a, IReadOnlyList<PyValue> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var all = true;
        for (var i = 0; i < a.Count; i++)
        {
            var e = Equal(a[i], b[i]);
            if (e == false)
            {
                return false;
            }

            all &= e == true;
        }

        return all ? true : null;
    }
}
