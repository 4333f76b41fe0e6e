namespace ShapeSafe.Explain;

/// <summary>
/// One parameter whose size in a saved checkpoint differs from the model it is loaded into
/// (a line of PyTorch's "size mismatch for fc1.weight: ..."), with the sizes that differ in words.
/// </summary>
public sealed record ParameterMismatch(string Parameter, IReadOnlyList<long> CheckpointShape, IReadOnlyList<long> ModelShape, string Meaning)
{
    /// <summary>The module that owns the parameter: <c>fc1</c> for <c>fc1.weight</c>.</summary>
    public string Module => Parameter.LastIndexOf('.') is var dot and > 0 ? Parameter[..dot] : Parameter;

    /// <summary>The parameter's own name: <c>weight</c> for <c>fc1.weight</c>.</summary>
    public string Leaf => Parameter.LastIndexOf('.') is var dot and > 0 ? Parameter[(dot + 1)..] : Parameter;
}
