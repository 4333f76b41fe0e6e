using ShapeSafe.Dataflow;
using ShapeSafe.Torch.Building;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// Makes the TorchSharp modules of a module tree, each <see cref="ModuleInfo"/> once: leaf layers through
/// <see cref="LayerFactory"/>, containers and user classes as <see cref="ContainerModule"/>s whose children are registered
/// under PyTorch's names (a module registered under two names appears under both, as in PyTorch's state_dict).
/// </summary>
internal sealed class ModuleTree
{
    private static readonly HashSet<string> ContainerTypes = new(StringComparer.Ordinal) { "Sequential", "ModuleList", "ModuleDict" };

    private readonly Dictionary<ModuleInfo, nn.Module> _built = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<ModuleInfo, Ops.Op> _invokers = new(ReferenceEqualityComparer.Instance);

    /// <summary>How a graph node calls each module built from its settings (<see cref="Layers.OpaqueLayers"/>): its arguments in, PyTorch's result out.</summary>
    public IReadOnlyDictionary<ModuleInfo, Ops.Op> Invokers => _invokers;

    /// <summary>The built module of every module of the tree.</summary>
    public IReadOnlyDictionary<ModuleInfo, nn.Module> Built => _built;

    /// <summary>True for a module the graph inlines (its forward's nodes follow its call node) rather than calls.</summary>
    public static bool IsContainer(ModuleInfo info) => info.Entry is null && (info.IsUserClass || ContainerTypes.Contains(info.Type));

    /// <summary>Builds the children of <paramref name="root"/> and hands each registration to <paramref name="register"/>.</summary>
    public void BuildChildren(ModuleInfo root, Action<string, nn.Module> register)
    {
        _built[root] = null!;
        foreach (var (name, child) in root.Registrations)
        {
            register(name, Build(child));
        }

        _built.Remove(root);
    }

    private nn.Module Build(ModuleInfo info)
    {
        if (_built.TryGetValue(info, out var done))
        {
            return done ?? throw new GraphBuildException($"{Label(info)}: the module contains itself");
        }

        if (info.Entry is { } entry)
        {
            if (info.Args is null)
            {
                throw new GraphBuildException($"{Label(info)}: its constructor did not check, so it cannot be built");
            }

            try
            {
                var layer = LayerFactory.Create(entry.Rule.Type, Label(info), info.Args, info.Inferred);
                _built[info] = layer;
                return layer;
            }
            catch (LayerBuildException e)
            {
                throw new GraphBuildException(e.Message, e);
            }
        }

        if (Layers.OpaqueLayers.Types.Contains(info.Type) && !info.IsUserClass)
        {
            _built[info] = null!;
            var (module, invoke) = Layers.OpaqueLayers.Create(info, Build);
            _built[info] = module;
            _invokers[info] = invoke;
            return module;
        }

        if (!IsContainer(info))
        {
            throw new GraphBuildException($"{Label(info)}: ShapeSafe does not know the module type {info.Type}, so the runtime cannot build it");
        }

        var container = new ContainerModule(info.Type);
        _built[info] = null!;
        ModuleTensors.Create(info, container.AddTensor);
        foreach (var (name, child) in info.Registrations)
        {
            container.Add(name, Build(child));
        }

        _built[info] = container;
        return container;
    }

    public static string Label(ModuleInfo info)
    {
        var name = info.QualifiedName.Length == 0 ? "the model" : info.QualifiedName;
        var line = info.Constructor is { Line: > 0 } c ? $", line {c.Line}" : string.Empty;
        return $"{name} ({info.Type}{line})";
    }

    /// <summary>Disposes every module built so far (a failed build leaves nothing behind).</summary>
    public void DisposeAll()
    {
        foreach (var module in _built.Values.Where(m => m is not null).Distinct(ReferenceEqualityComparer.Instance).Cast<nn.Module>())
        {
            module.Dispose();
        }
    }
}
