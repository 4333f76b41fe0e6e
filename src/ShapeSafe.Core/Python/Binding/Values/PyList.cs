namespace ShapeSafe.Python.Binding.Values;

/// <summary>A list (mutable: append, extend, insert and item assignment change it in place).</summary>
public sealed class PyList(List<PyValue> items) : PyValue
{
    public List<PyValue> Items { get; } = items;

    public override string TypeName => "list";

    public override bool? Truth => Items.Count > 0;

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}
