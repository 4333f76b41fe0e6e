namespace ShapeSafe.Diagnostics;

/// <summary>A suggested fix: what it does in words, the edits that do it, and how safe it is.</summary>
public sealed record Fix(string Description, Applicability Applicability, IReadOnlyList<TextEdit> Edits);
