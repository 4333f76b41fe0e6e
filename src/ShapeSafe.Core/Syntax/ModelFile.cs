using ShapeSafe.Diagnostics;

namespace ShapeSafe.Syntax;

/// <summary>
/// A parsed model file: its input declaration (if any), its layer calls in order, and the
/// diagnostics of lines that could not be parsed. Parsing never throws.
/// </summary>
public sealed record ModelFile(
    string Path,
    IReadOnlyList<string> Lines,
    InputDeclaration? Input,
    IReadOnlyList<LayerCall> Layers,
    IReadOnlyList<Diagnostic> Diagnostics);
