namespace ShapeSafe.Diagnostics;

/// <summary>
/// One kind of diagnostic: a stable code (documented at docs/diagnostics/CODE.md), a short title,
/// a default severity and the message template. All live in <see cref="DiagnosticCatalog"/>.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, string Title, Severity Severity, string MessageFormat)
{
    public string DocsPath => $"docs/diagnostics/{Code}.md";
}
