using ShapeSafe.Syntax;

namespace ShapeSafe.Diagnostics;

/// <summary>
/// A second place a diagnostic points at (SARIF's relatedLocations): the constructor to edit, or one step of
/// the call chain (<c>layer2</c> → <c>conv1</c>). <see cref="Note"/> is a short phrase built from typed data.
/// </summary>
public sealed record RelatedLocation(SourceSpan Span, string Note);
