using System.Globalization;
using ShapeSafe.Syntax;

namespace ShapeSafe.Diagnostics;

/// <summary>
/// One finding, as data: analysis returns these and never prints. The message is not stored: it is
/// rendered from the catalog's template (<see cref="MessageFormat"/>) and the typed <see cref="Arguments"/>
/// (numbers, shapes, names), as Roslyn's are, so no consumer ever parses a message back. Renderers (text,
/// JSON, SARIF) turn diagnostics into output.
/// </summary>
public sealed record Diagnostic
{
    public required DiagnosticDescriptor Descriptor { get; init; }

    /// <summary>The template the message is rendered from: the descriptor's, or another template of <see cref="DiagnosticCatalog"/>.</summary>
    public string MessageFormat { get; init; } = string.Empty;

    /// <summary>The message's arguments as typed data, in template order.</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>A second catalog template rendered after the message (a traced module's fix phrase); null for none.</summary>
    public MessagePart? Suffix { get; init; }

    /// <summary>The message, rendered from the template and the arguments.</summary>
    public string Message => Render(MessageFormat.Length == 0 ? Descriptor.MessageFormat : MessageFormat, Arguments) + (Suffix?.Render() ?? string.Empty);

    public Severity Severity { get; init; }

    /// <summary>Where in the file; <see cref="SourceSpan.None"/> when not tied to a file position.</summary>
    public SourceSpan Span { get; init; }

    public LayerRef? Layer { get; init; }

    public Fact? Expected { get; init; }

    public Fact? Actual { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<Fix> Fixes { get; init; } = [];

    /// <summary>Other places this diagnostic concerns: the constructor to edit, the module call chain.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];

    /// <summary>The raw engine text (first line of a libtorch error), when the diagnostic explains one.</summary>
    public string? RawMessage { get; init; }

    public string Code => Descriptor.Code;

    public int Line => Span.Line;

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) => new()
    {
        Descriptor = descriptor,
        Severity = descriptor.Severity,
        Span = span,
        Arguments = args,
    };

    /// <summary>Renders a catalog template with typed arguments (invariant culture: shapes, sizes and names as written).</summary>
    internal static string Render(string format, IReadOnlyList<object?> args) => args.Count == 0
        ? format
        : string.Format(CultureInfo.InvariantCulture, format, args as object?[] ?? [.. args]);
}
