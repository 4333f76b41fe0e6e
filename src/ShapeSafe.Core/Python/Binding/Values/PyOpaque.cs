namespace ShapeSafe.Python.Binding.Values;

/// <summary>A value that matters only by name and is passed along (<c>torch.float32</c>, <c>device</c> strings, <c>inplace</c> flags).</summary>
public sealed class PyOpaque(string name) : PyValue
{
    public string Name { get; } = name;

    public override string TypeName => Name;

    public override string ToString() => Name;
}
