namespace ShapeSafe.Layers;

/// <summary>A layer constructor's parameters in PyTorch's positional order.</summary>
public sealed class LayerSignature
{
    public LayerSignature(params ParameterSpec[] parameters) => Parameters = parameters;

    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>A signature such as Identity's <c>(*args, **kwargs)</c>: any arguments are accepted and ignored.</summary>
    public static LayerSignature AnyArguments { get; } = new() { AcceptsAnyArguments = true };

    /// <summary>True for <c>(*args, **kwargs)</c>: binding accepts every call and binds nothing.</summary>
    public bool AcceptsAnyArguments { get; private init; }

    public ParameterSpec? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>The signature of the Lazy variant: the inferable size removed (LazyLinear(out_features, ...)).</summary>
    public LayerSignature WithoutInferable() => new(Parameters.Where(p => !p.Inferable).ToArray());

    public override string ToString() => AcceptsAnyArguments ? "*args, **kwargs" : string.Join(", ", Parameters.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default.ToPython()}"));
}
