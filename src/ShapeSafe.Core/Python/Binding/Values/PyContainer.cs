using ShapeSafe.Dataflow;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// <c>nn.Sequential</c>, <c>nn.ModuleList</c> or <c>nn.ModuleDict</c>: children named as PyTorch names them
/// (<c>0</c>, <c>1</c>, ... or the OrderedDict / dict keys).
/// </summary>
public sealed class PyContainer(ModuleInfo info, ContainerKind kind) : PyModule(info)
{
    public ContainerKind Kind { get; } = kind;

    public int Count => ChildNames.Count;

    /// <summary>The children in order, as values (a ModuleList may hold None only by assignment).</summary>
    public List<PyValue> Items
    {
        get
        {
            var items = new List<PyValue>(ChildNames.Count);
            foreach (var name in ChildNames)
            {
                TryGetChild(name, out var child);
                items.Add(child);
            }

            return items;
        }
    }

    /// <summary>Appends under the next index name, as <c>ModuleList.append</c> and <c>Sequential.append</c>.</summary>
    public void Append(PyValue module) => SetChild(ChildNames.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);

    /// <summary>Replaces the children by <paramref name="items"/> renamed 0..n-1 (after insert or delete).</summary>
    public void Renumber(List<PyValue> items)
    {
        ClearChildren();
        foreach (var item in items)
        {
            Append(item);
        }
    }
}
