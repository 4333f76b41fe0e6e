using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// A class written in the file: its bases, its class attributes (methods included) and its method resolution order
/// (left-to-right depth-first, enough for the classes models use). <see cref="IsModule"/> when it derives from <c>nn.Module</c>.
/// </summary>
public sealed class PyClass : PyValue
{
    public PyClass(string name, ClassDefStmt definition, IReadOnlyList<PyValue> bases)
    {
        Name = name;
        Definition = definition;
        Bases = bases;
        var mro = new List<PyValue> { this };
        foreach (var b in bases)
        {
            if (b is PyClass c)
            {
                foreach (var m in c.Mro)
                {
                    if (!mro.Contains(m))
                    {
                        mro.Add(m);
                    }
                }

                IsModule |= c.IsModule;
                HasUnknownBase |= c.HasUnknownBase;
            }
            else
            {
                mro.Add(b);
                IsModule |= b is PyTorchClass { IsNnClass: true };
                HasUnknownBase |= b is not PyTorchClass;
            }
        }

        Mro = mro;
        foreach (var m in mro)
        {
            if (m is PyTorchClass tc)
            {
                ContainerBase = tc.CanonicalName switch
                {
                    "torch.nn.Sequential" => ContainerKind.Sequential,
                    "torch.nn.ModuleList" => ContainerKind.ModuleList,
                    "torch.nn.ModuleDict" => ContainerKind.ModuleDict,
                    _ => null,
                };
                if (ContainerBase is not null)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The container a class derives from (<c>class Block(nn.Sequential)</c>), or null.</summary>
    public ContainerKind? ContainerBase { get; }

    public string Name { get; }

    public ClassDefStmt Definition { get; }

    public IReadOnlyList<PyValue> Bases { get; }

    public IReadOnlyList<PyValue> Mro { get; }

    public Dictionary<string, PyValue> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the class derives from <c>torch.nn.Module</c>.</summary>
    public bool IsModule { get; }

    /// <summary>True when a base is not a class the binder knows (imported from elsewhere): lookups may miss.</summary>
    public bool HasUnknownBase { get; }

    /// <summary>The attribute found along the MRO, starting after <paramref name="after"/> when given (for <c>super()</c>).</summary>
    public bool TryLookup(string name, out PyValue value, PyClass? after = null)
    {
        var start = 0;
        if (after is not null)
        {
            start = -1;
            for (var i = 0; i < Mro.Count; i++)
            {
                if (ReferenceEquals(Mro[i], after))
                {
                    start = i + 1;
                    break;
                }
            }

            if (start < 0)
            {
                value = PyNone.Instance;
                return false;
            }
        }

        for (var i = start; i < Mro.Count; i++)
        {
            if (Mro[i] is PyClass c && c.Attributes.TryGetValue(name, out value!))
            {
                return true;
            }
        }

        value = PyNone.Instance;
        return false;
    }

    public override string TypeName => "type";

    public override string ToString() => $"<class '{Name}'>";
}
