namespace ShapeSafe.Python.Binding.Values;

/// <summary>A dict (or OrderedDict), keeping insertion order; keys are compared with <see cref="PyEquality"/>.</summary>
public sealed class PyDict : PyValue
{
    public List<PyValue> Keys { get; } = [];

    public List<PyValue> Values { get; } = [];

    public override string TypeName => "dict";

    public override bool? Truth => Keys.Count > 0;

    public int IndexOf(PyValue key)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (PyEquality.Equal(Keys[i], key) == true)
            {
                return i;
            }
        }

        return -1;
    }

    public bool TryGet(PyValue key, out PyValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? Values[i] : PyNone.Instance;
        return i >= 0;
    }

    public void Set(PyValue key, PyValue value)
    {
        var i = IndexOf(key);
        if (i >= 0)
        {
            Values[i] = value;
        }
        else
        {
            Keys.Add(key);
            Values.Add(value);
        }
    }

    public bool Remove(PyValue key)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }

        Keys.RemoveAt(i);
        Values.RemoveAt(i);
        return true;
    }
}
