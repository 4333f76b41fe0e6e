using System.Globalization;
using ShapeSafe.Syntax;

namespace ShapeSafe.Diagnostics;

/// <summary>
/// One finding, as data: analysis returns these and never prints. Renderers (text, JSON) turn
/// them into output.
/// </summary>
public sealed record Diagnostic
{
    public required DiagnosticDescriptor Descriptor { get; init; }

    public required string Message { get; init; }

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
        Message = args.Length == 0 ? descriptor.MessageFormat : string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args),
    };
}
