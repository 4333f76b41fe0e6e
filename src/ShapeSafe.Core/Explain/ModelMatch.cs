using ShapeSafe.Shapes;

namespace ShapeSafe.Explain;

/// <summary>
/// The model file's side of an explanation: the layers whose sizes match the message's numbers, what the
/// shape check says about them at <see cref="Input"/>, and facts that tie the two together.
/// </summary>
public sealed record ModelMatch(string Path, Shape? Input, IReadOnlyList<MatchedLayer> Layers, IReadOnlyList<string> Notes)
{
    /// <summary>Error diagnostics of the check anywhere in the file (the matched layers' and others).</summary>
    public int ErrorCount { get; init; }
}
