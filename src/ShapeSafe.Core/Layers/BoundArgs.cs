using ShapeSafe.Syntax;

namespace ShapeSafe.Layers;

/// <summary>
/// A call's arguments bound to parameter names: what the user wrote (with its span) or the default.
/// An inferable size the user omitted is absent.
/// </summary>
public sealed class BoundArgs
{
    private readonly Dictionary<string, ArgValue> _values;
    private readonly HashSet<string> _explicit;

    public BoundArgs(Dictionary<string, ArgValue> values, HashSet<string> explicitNames)
    {
        _values = values;
        _explicit = explicitNames;
    }

    public ArgValue? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>True when the user wrote this argument (rather than taking PyTorch's default).</summary>
    public bool IsExplicit(string name) => _explicit.Contains(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public IEnumerable<KeyValuePair<string, ArgValue>> All => _values;
}
