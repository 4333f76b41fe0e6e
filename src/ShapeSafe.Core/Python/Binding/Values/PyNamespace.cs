namespace ShapeSafe.Python.Binding.Values;

/// <summary>An imported module (<c>torch</c>, <c>torch.nn</c>, <c>F</c>, <c>math</c>) known by its canonical name; never loaded from disk.</summary>
public sealed class PyNamespace(string name) : PyValue
{
    /// <summary>The canonical dotted name (<c>torch.nn.functional</c>).</summary>
    public string Name { get; } = name;

    public override string TypeName => "module";

    public override string ToString() => $"<module '{Name}'>";
}
