namespace ShapeSafe.Python.Binding.Values;

/// <summary>An instance of a class written in the file that is not an <c>nn.Module</c>.</summary>
public sealed class PyObject(PyClass type) : PyValue
{
    public PyClass Class { get; } = type;

    public Dictionary<string, PyValue> Attributes { get; } = new(StringComparer.Ordinal);

    public override string TypeName => Class.Name;
}
