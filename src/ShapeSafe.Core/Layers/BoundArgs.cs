using ShapeSafe.Syntax;

namespace ShapeSafe.Layers;

/// <summary>
/// A call's arguments bound to parameter names: what the user wrote (with its span) or the default.
/// An inferable size the user omitted is absent.
/// </summary>
public sealed class BoundArgs
{
    private readonly string[] _names;
    private readonly ArgValue?[] _values;
    private readonly bool[] _explicit;

    public BoundArgs(Dictionary<string, ArgValue> values, HashSet<string> explicitNames)
    {
        _names = [.. values.Keys, .. explicitNames.Where(n => !values.ContainsKey(n))];
        _values = Array.ConvertAll(_names, n => values.GetValueOrDefault(n));
        _explicit = Array.ConvertAll(_names, explicitNames.Contains);
    }

    /// <summary>Arguments bound by position in a signature: <paramref name="names"/> is shared, the arrays are owned.</summary>
    internal BoundArgs(string[] names, ArgValue?[] values, bool[] explicitNames)
    {
        _names = names;
        _values = values;
        _explicit = explicitNames;
    }

    /// <summary>No arguments (a <c>(*args, **kwargs)</c> signature binds nothing).</summary>
    internal static BoundArgs None { get; } = new([], [], []);

    public ArgValue? this[string name] => LayerSignature.IndexOf(_names, name) is var i and >= 0 ? _values[i] : null;

    /// <summary>True when the user wrote this argument (rather than taking PyTorch's default).</summary>
    public bool IsExplicit(string name) => LayerSignature.IndexOf(_names, name) is var i and >= 0 && _explicit[i];

    public bool Has(string name) => this[name] is not null;

    /// <summary>The bound arguments, in the signature's order.</summary>
    public IEnumerable<KeyValuePair<string, ArgValue>> All
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (_values[i] is { } value)
                {
                    yield return new KeyValuePair<string, ArgValue>(_names[i], value);
                }
            }
        }
    }
}
