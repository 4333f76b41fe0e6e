using ShapeSafe.Dataflow;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// An <c>nn.Module</c> object: its <see cref="ModuleInfo"/> (identity decided where its constructor ran), its registered
/// children in registration order (<c>_modules</c>, as <c>__setattr__</c> fills it) and its other attributes.
/// </summary>
public abstract class PyModule : PyValue
{
    private readonly List<string> _childNames = [];
    private readonly Dictionary<string, PyValue> _children = new(StringComparer.Ordinal);

    protected PyModule(ModuleInfo info)
    {
        Info = info;
        info.Binding ??= this;
    }

    public ModuleInfo Info { get; }

    /// <summary>Plain attributes (<c>__dict__</c>): ints, tensors, lists, methods assigned to the instance.</summary>
    public Dictionary<string, PyValue> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Registered children, in registration order; a value is a <see cref="PyModule"/> or <see cref="PyNone"/>.</summary>
    public IReadOnlyList<string> ChildNames => _childNames;

    public override string TypeName => Info.Type;

    public bool TryGetChild(string name, out PyValue child) => _children.TryGetValue(name, out child!);

    /// <summary>Registers (or replaces, keeping its place) a child, as <c>nn.Module.__setattr__</c> / <c>add_module</c>.</summary>
    public void SetChild(string name, PyValue child)
    {
        if (!_children.ContainsKey(name))
        {
            _childNames.Add(name);
        }

        _children[name] = child;
        Attributes.Remove(name);
    }

    public bool RemoveChild(string name)
    {
        if (!_children.Remove(name))
        {
            return false;
        }

        _childNames.Remove(name);
        return true;
    }

    /// <summary>The registered child modules in order (None entries skipped).</summary>
    public IEnumerable<(string Name, PyModule Module)> Children
    {
        get
        {
            foreach (var name in _childNames)
            {
                if (_children[name] is PyModule m)
                {
                    yield return (name, m);
                }
            }
        }
    }

    /// <summary>Removes every child (used when a container is rebuilt).</summary>
    protected void ClearChildren()
    {
        _childNames.Clear();
        _children.Clear();
    }

    public override string ToString() => Info.Type;
}
