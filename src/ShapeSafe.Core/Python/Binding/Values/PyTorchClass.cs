namespace ShapeSafe.Python.Binding.Values;

/// <summary>A class from torch (<c>nn.Conv2d</c>, <c>nn.Sequential</c>, <c>nn.Module</c>) or <c>collections.OrderedDict</c>, by canonical name.</summary>
public sealed class PyTorchClass(string name, string canonicalName) : PyValue
{
    /// <summary>The class name (<c>Conv2d</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The canonical dotted name (<c>torch.nn.Conv2d</c>).</summary>
    public string CanonicalName { get; } = canonicalName;

    /// <summary>True for <c>torch.nn.Module</c> itself.</summary>
    public bool IsModuleBase => CanonicalName == "torch.nn.Module";

    /// <summary>True for classes in <c>torch.nn</c> (layers and containers).</summary>
    public bool IsNnClass => CanonicalName.StartsWith("torch.nn.", StringComparison.Ordinal) && !CanonicalName.StartsWith("torch.nn.functional.", StringComparison.Ordinal);

    public override string TypeName => "type";

    public override string ToString() => $"<class '{CanonicalName}'>";
}
