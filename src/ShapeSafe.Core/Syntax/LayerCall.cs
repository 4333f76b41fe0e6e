namespace ShapeSafe.Syntax;

/// <summary>
/// One model-file line such as <c>fc1 = nn.Linear(32 * 8 * 8, 128)</c>: the layer type as written
/// (without the <c>nn.</c> prefix), the optional name, and the arguments in source order.
/// </summary>
public sealed record LayerCall(
    string Type,
    string? Name,
    IReadOnlyList<Argument> Arguments,
    int Line,
    SourceSpan TypeSpan,
    SourceSpan CallSpan,
    string LineText)
{
    /// <summary>For a line that reuses an earlier layer by name (<c>pool</c> called twice): the line that defines it.</summary>
    public int? ReusedFrom { get; init; }

    /// <summary>
    /// The constructor by value, independent of spacing and of how each value was spelled (<c>Linear(8, 8)</c> and
    /// <c>Linear(4 * 2, 8)</c> agree): two calls with the same signature build the same module.
    /// </summary>
    public string Signature => Type + "(" + string.Join(", ", Arguments.Select(a => a.Keyword is null ? a.Value.ToPython() : $"{a.Keyword}={a.Value.ToPython()}")) + ")";

    public IEnumerable<Argument> Positional => Arguments.Where(a => a.Keyword is null);

    public IEnumerable<Argument> Keywords => Arguments.Where(a => a.Keyword is not null);
}
