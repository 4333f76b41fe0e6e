using ShapeSafe.Dataflow;
using ShapeSafe.Layers;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// A leaf layer the engine knows (<c>nn.Conv2d(3, 16, 3)</c>): its registry entry and bound constructor arguments,
/// or null arguments when they could not be read (then calls on it are not checked). <see cref="Site"/> counts how
/// often its constructor call ran (a fix is machine-applicable only for a call that ran once).
/// </summary>
public sealed class PyLayer(ModuleInfo info, LayerRegistry.Entry entry, BoundArgs? args, LayerCall call, ConstructionSite site) : PyModule(info)
{
    public LayerRegistry.Entry Entry { get; } = entry;

    /// <summary>The bound arguments; null when some argument was not a constant the binder knows.</summary>
    public BoundArgs? Args { get; } = args;

    public LayerCall Call { get; } = call;

    public ConstructionSite Site { get; } = site;

    /// <summary>The constructor call carrying the module's qualified name (for the rule's messages), made once.</summary>
    public LayerCall NamedCall(string name)
    {
        if (_named is null || !ReferenceEquals(_named.Name, name) && _named.Name != name)
        {
            _named = Call with { Name = name };
        }

        return _named;
    }

    private LayerCall? _named;

    /// <summary>Why the arguments could not be read, when <see cref="Args"/> is null.</summary>
    public string? UnknownReason { get; init; }
}
