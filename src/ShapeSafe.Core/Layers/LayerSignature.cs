namespace ShapeSafe.Layers;

/// <summary>A layer constructor's parameters in PyTorch's positional order.</summary>
public sealed class LayerSignature
{
    private readonly ParameterSpec[] _parameters;

    public LayerSignature(params ParameterSpec[] parameters)
    {
        _parameters = (ParameterSpec[])parameters.Clone();
        Names = Array.ConvertAll(_parameters, p => p.Name);
        PositionalIndices = Enumerable.Range(0, _parameters.Length).Where(i => !_parameters[i].KeywordOnly).ToArray();
        HasInferable = Array.Exists(_parameters, p => p.Inferable);
    }

    public IReadOnlyList<ParameterSpec> Parameters => _parameters;

    /// <summary>A signature such as Identity's <c>(*args, **kwargs)</c>: any arguments are accepted and ignored.</summary>
    public static LayerSignature AnyArguments { get; } = new() { AcceptsAnyArguments = true };

    /// <summary>True for <c>(*args, **kwargs)</c>: binding accepts every call and binds nothing.</summary>
    public bool AcceptsAnyArguments { get; private init; }

    /// <summary>The parameter names in order (shared by every <see cref="BoundArgs"/> of this signature).</summary>
    internal string[] Names { get; }

    /// <summary>The indices of the parameters that may be given positionally, in order.</summary>
    internal int[] PositionalIndices { get; }

    /// <summary>True when a parameter is an inferable size (the rule then has a Lazy variant).</summary>
    internal bool HasInferable { get; }

    internal ParameterSpec this[int index] => _parameters[index];

    public ParameterSpec? Find(string name) => IndexOf(name) is var i and >= 0 ? _parameters[i] : null;

    /// <summary>The index of the parameter called <paramref name="name"/>, or -1.</summary>
    internal int IndexOf(string name) => IndexOf(Names, name);

    /// <summary>
    /// Linear search: signatures have at most a dozen parameters, and the names rules ask for are the same
    /// interned literals as the signature's, so the reference comparison almost always decides.
    /// </summary>
    internal static int IndexOf(string[] names, string name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], name))
            {
                return i;
            }
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The signature of the Lazy variant: the inferable size removed (LazyLinear(out_features, ...)).</summary>
    public LayerSignature WithoutInferable() => new(_parameters.Where(p => !p.Inferable).ToArray());

    public override string ToString() => AcceptsAnyArguments ? "*args, **kwargs" : string.Join(", ", _parameters.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default.ToPython()}"));
}
