using ShapeSafe.Diagnostics;

namespace ShapeSafe.Explain;

/// <summary>
/// A layer of the model file that the message is about: where it is, why it matches (which of its sizes equal
/// the message's numbers), and the diagnostics the shape check reports on it, with their fixes and edits.
/// </summary>
public sealed record MatchedLayer(string Name, string Type, int Line, string LineText, string Reason, IReadOnlyList<Diagnostic> Diagnostics);
