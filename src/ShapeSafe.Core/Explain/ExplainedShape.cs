namespace ShapeSafe.Explain;

/// <summary>
/// A list of sizes read from an error message (a weight's size, an input's shape, a kernel), with
/// what it means. <see cref="Name"/> is a stable snake_case id (see docs/explain.md).
/// </summary>
public sealed record ExplainedShape(string Name, IReadOnlyList<long> Dims, string Meaning)
{
    /// <summary>Written as PyTorch prints sizes: <c>[16, 3, 3, 3]</c>.</summary>
    public string Text => "[" + string.Join(", ", Dims) + "]";
}
