namespace ShapeSafe.Python.Binding.Values;

/// <summary>The tensors inside a value, depth first: how a call's results are numbered and how forward's outputs are listed.</summary>
internal static class PyTensors
{
    public static void Collect(PyValue value, List<PyTensor> into)
    {
        switch (value)
        {
            case PyTensor t:
                into.Add(t);
                break;
            case PyTuple t:
                foreach (var item in t.Items)
                {
                    Collect(item, into);
                }

                break;
            case PyList l:
                foreach (var item in l.Items)
                {
                    Collect(item, into);
                }

                break;
            case PyDict d:
                foreach (var item in d.Values)
                {
                    Collect(item, into);
                }

                break;
        }
    }
}
