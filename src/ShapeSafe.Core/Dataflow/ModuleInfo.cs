using ShapeSafe.Layers;
using ShapeSafe.Syntax;

namespace ShapeSafe.Dataflow;

/// <summary>
/// One module of a model's module tree, decided once where its constructor ran: its qualified name as
/// PyTorch's <c>named_modules()</c> gives it (<c>features.0</c>, <c>layer2.shortcut.0</c>), its type, the
/// constructor call (arguments with their source spans, for fixes), and the parameters it owns.
/// A module reused (called twice, or registered under two names) is one <see cref="ModuleInfo"/>.
/// </summary>
public sealed class ModuleInfo
{
    private readonly List<ModuleInfo> _children = [];
    private readonly List<(string Name, ModuleInfo Module)> _registrations = [];

    public ModuleInfo(string qualifiedName, string type, ModuleInfo? parent)
    {
        QualifiedName = qualifiedName;
        Type = type;
        Parent = parent;
        IsPlaced = parent is not null;
    }

    /// <summary>The name in <c>named_modules()</c>; empty for the root.</summary>
    public string QualifiedName { get; private set; }

    /// <summary>The last part of the qualified name (<c>conv1</c>, <c>0</c>).</summary>
    public string Name => QualifiedName.Length == 0 ? string.Empty : QualifiedName[(QualifiedName.LastIndexOf('.') + 1)..];

    /// <summary>PyTorch's class name (<c>Conv2d</c>, <c>Sequential</c>) or the user's class name.</summary>
    public string Type { get; }

    public ModuleInfo? Parent { get; private set; }

    /// <summary>True once the module has its place in the tree (a Python module is made before it is assigned to a parent).</summary>
    public bool IsPlaced { get; private set; }

    /// <summary>The modules this one is the parent of in the tree (where <c>named_modules()</c> first reaches each).</summary>
    public IReadOnlyList<ModuleInfo> Children => _children;

    /// <summary>
    /// Every child registration in order, as <c>named_children()</c> lists them: a module registered under two names
    /// (<c>self.body = nn.Sequential(self.fc, ...)</c>) appears here under each, but is a tree child only where first reached.
    /// </summary>
    public IReadOnlyList<(string Name, ModuleInfo Module)> Registrations => _registrations;

    /// <summary>The constructor call as written (type, arguments with spans and text); null for containers built without one.</summary>
    public LayerCall? Constructor { get; init; }

    /// <summary>The shape rule of a leaf layer the engine knows; null for containers and user classes.</summary>
    public LayerRegistry.Entry? Entry { get; init; }

    /// <summary>The constructor's arguments bound to the signature; null where not a known layer.</summary>
    public BoundArgs? Args { get; init; }

    /// <summary>Sizes omitted in the constructor and inferred from the first input (a Lazy layer's in_features → 8192).</summary>
    public IReadOnlyDictionary<string, long> Inferred { get; set; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty;

    /// <summary>
    /// For an nn module without a layer rule whose constructor the runtime builds itself (Embedding, LSTM, GRU, RNN,
    /// TransformerEncoderLayer, TransformerEncoder, MultiheadAttention): its known constructor arguments by PyTorch name
    /// (long, double, bool, string, null for None, a <see cref="ModuleInfo"/> for a module). Omitted arguments are absent.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Settings { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>.Empty;

    /// <summary>Constructor arguments given with values the front-end could not follow (absent from <see cref="Settings"/>).</summary>
    public IReadOnlyList<string> UnknownSettings { get; init; } = [];

    /// <summary>True for a user-defined <c>nn.Module</c> subclass (its <c>forward</c> is interpreted).</summary>
    public bool IsUserClass { get; init; }

    /// <summary>Trainable parameters this module itself owns (not its children's); set once its input shape is known for Lazy layers.</summary>
    public long OwnParameters { get; set; }

    /// <summary>Parameters of this module and all its descendants, each module counted once (long.MaxValue when beyond a long).</summary>
    public long TotalParameters
    {
        get
        {
            var seen = new HashSet<ModuleInfo>(ReferenceEqualityComparer.Instance);
            return Sum(this, seen);

            static long Sum(ModuleInfo m, HashSet<ModuleInfo> seen)
            {
                if (!seen.Add(m))
                {
                    return 0;
                }

                var total = m.OwnParameters;
                foreach (var c in m._children)
                {
                    // Saturates rather than wraps: a count beyond a long is reported (SS0120) where a layer makes it.
                    var child = Sum(c, seen);
                    total = total > long.MaxValue - child ? long.MaxValue : total + child;
                }

                return total;
            }
        }
    }

    /// <summary>Its own parameters (<c>nn.Parameter</c> attributes, <c>register_parameter</c>) in registration order, as <c>_parameters</c>.</summary>
    public List<ModuleTensor> Parameters { get; } = [];

    /// <summary>Its own buffers (<c>register_buffer</c>) in registration order, as <c>_buffers</c>.</summary>
    public List<ModuleTensor> Buffers { get; } = [];

    /// <summary>Plain tensor attributes set in <c>__init__</c> (<c>self.scale = torch.ones(3)</c>): not in <c>state_dict</c>, read by <c>get_attr</c> nodes.</summary>
    public List<ModuleTensor> TensorAttributes { get; } = [];

    /// <summary>The front-end's object for this module (the binder's module value), so a graph can be run again.</summary>
    internal object? Binding { get; set; }

    /// <summary>Records (or replaces, keeping its place) a tensor the module owns, in the list its kind belongs to, removing it from the others.</summary>
    public void SetTensor(ModuleTensor tensor, ModuleTensorKind kind)
    {
        var list = kind switch
        {
            ModuleTensorKind.Parameter => Parameters,
            ModuleTensorKind.Buffer => Buffers,
            _ => TensorAttributes,
        };
        foreach (var other in new[] { Parameters, Buffers, TensorAttributes })
        {
            if (!ReferenceEquals(other, list))
            {
                other.RemoveAll(t => t.Name == tensor.Name);
            }
        }

        var at = list.FindIndex(t => t.Name == tensor.Name);
        if (at >= 0)
        {
            list[at] = tensor;
        }
        else
        {
            list.Add(tensor);
        }
    }

    public void AddChild(ModuleInfo child)
    {
        _children.Add(child);
        _registrations.Add((child.Name, child));
    }

    /// <summary>Records that <paramref name="child"/>, placed elsewhere in the tree, is also registered here as <paramref name="name"/>.</summary>
    public void AddAlias(string name, ModuleInfo child) => _registrations.Add((name, child));

    /// <summary>
    /// Gives a module made before its registration (as Python makes <c>nn.Linear(...)</c> before <c>self.fc1 = ...</c>) its
    /// name and parent, once: the first path <c>named_modules()</c> reaches it by.
    /// </summary>
    public void Place(string qualifiedName, ModuleInfo? parent)
    {
        if (IsPlaced)
        {
            return;
        }

        QualifiedName = qualifiedName;
        Parent = parent;
        IsPlaced = true;
        parent?.AddChild(this);
    }

    public override string ToString() => QualifiedName.Length == 0 ? Type : $"{QualifiedName} ({Type})";
}
