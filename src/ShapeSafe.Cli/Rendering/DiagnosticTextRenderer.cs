using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;
using Spectre.Console;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// Renders diagnostics as text in the style of rustc: location, code and message, the source
/// line with a caret under the span, expected and actual with their origins, notes, and each fix
/// as the line it produces.
/// </summary>
public static class DiagnosticTextRenderer
{
    public static void Render(IAnsiConsole console, string path, IReadOnlyList<string> lines, Diagnostic diagnostic)
    {
        var (label, color) = diagnostic.Severity switch
        {
            Severity.Error => ("error", Color.Red),
            Severity.Warning => ("warning", Color.Yellow),
            _ => ("info", Color.Blue),
        };
        var location = diagnostic.Span.IsNone ? path : $"{path}:{diagnostic.Span.Line}:{diagnostic.Span.Column}";
        console.Write(new Text($"{location}: ", new Style(decoration: Decoration.Bold)));
        console.Write(new Text($"{label}[{diagnostic.Code}]", new Style(color, decoration: Decoration.Bold)));
        console.Write(new Text($": {diagnostic.Message}\n", new Style(decoration: Decoration.Bold)));

        var widest = diagnostic.Related.Select(r => r.Span.Line).Append(diagnostic.Span.Line).Max();
        var gutterWidth = Math.Max(2, widest.ToString(CultureInfo.InvariantCulture).Length + 1);
        var gutter = new string(' ', gutterWidth);
        var dim = new Style(Color.Grey);
        if (!diagnostic.Span.IsNone && diagnostic.Span.Line <= lines.Count)
        {
            var caretLabel = diagnostic.Expected is { } expectedOnCaret ? $"expected {expectedOnCaret.Value}: {expectedOnCaret.Origin}" : null;
            WriteSnippet(console, gutter, lines, diagnostic.Span, '^', caretLabel, new Style(color), dim);
        }

        foreach (var related in diagnostic.Related)
        {
            if (related.Span.IsNone || related.Span.Line > lines.Count)
            {
                WriteNote(console, gutter, "related", related.Note);
            }
            else
            {
                // A secondary location, as rustc draws one: underlined with '-' and the note beside it.
                WriteSnippet(console, gutter, lines, related.Span, '-', related.Note, new Style(Color.Blue), dim);
            }
        }

        if (diagnostic.Actual is { } actual)
        {
            WriteNote(console, gutter, "actual", $"{actual.Value}: {actual.Origin}");
        }

        if (diagnostic.Expected is { } expected && diagnostic.Span.IsNone)
        {
            WriteNote(console, gutter, "expected", $"{expected.Value}: {expected.Origin}");
        }

        foreach (var note in diagnostic.Notes)
        {
            WriteNote(console, gutter, "note", note);
        }

        if (diagnostic.RawMessage is { } raw)
        {
            WriteNote(console, gutter, "libtorch", raw);
        }

        foreach (var fix in diagnostic.Fixes)
        {
            WriteNote(console, gutter, $"fix ({Describe(fix.Applicability)})", fix.Description, new Style(Color.Green));
            foreach (var preview in Preview(lines, fix))
            {
                console.Write(new Text($"{gutter}     {preview}\n", new Style(Color.Green)));
            }
        }

        WriteNote(console, gutter, "docs", diagnostic.Descriptor.DocsPath, dim);
        console.WriteLine();
    }

    public static string Describe(Applicability applicability) => applicability switch
    {
        Applicability.MachineApplicable => "safe to apply",
        Applicability.MaybeIncorrect => "changes the model: review",
        _ => "fill in the placeholder",
    };

    /// <summary>Each line the fix changes or inserts, written as it reads after the fix.</summary>
    private static IEnumerable<string> Preview(IReadOnlyList<string> lines, Fix fix)
    {
        var fixedLines = FixApplier.Apply(lines, fix.Edits);
        var inserted = 0;
        foreach (var line in fix.Edits.Select(e => e.Span.Line).Distinct().Order())
        {
            var insertsHere = fix.Edits.Count(e => e.Span.Line == line && e.InsertLineBefore);
            for (var i = 0; i < insertsHere; i++)
            {
                yield return $"+ {line + inserted + i} | {fixedLines[line - 1 + inserted + i]}";
            }

            inserted += insertsHere;
            if (fix.Edits.Any(e => e.Span.Line == line && !e.InsertLineBefore) && line - 1 + inserted < fixedLines.Count)
            {
                yield return $"~ {line} | {fixedLines[line - 1 + inserted]}";
            }
        }
    }

    /// <summary>The source line of <paramref name="span"/> with the span marked below it and a label after the marks.</summary>
    private static void WriteSnippet(IAnsiConsole console, string gutter, IReadOnlyList<string> lines, SourceSpan span, char mark, string? label, Style style, Style dim)
    {
        var source = lines[span.Line - 1].Replace('\t', ' ');
        console.Write(new Text($"{gutter}|\n", dim));
        console.Write(new Text($"{span.Line.ToString(CultureInfo.InvariantCulture).PadLeft(gutter.Length - 1)} | ", dim));
        console.Write(new Text(source + "\n"));
        var start = Math.Clamp(span.Column - 1, 0, source.Length);
        var width = Math.Max(1, Math.Min(span.Length, Math.Max(1, source.Length - start)));
        console.Write(new Text($"{gutter}| ", dim));
        console.Write(new Text(new string(' ', start) + new string(mark, width) + (label is null ? string.Empty : " " + label) + "\n", style));
    }

    private static void WriteNote(IAnsiConsole console, string gutter, string label, string text, Style? style = null)
    {
        console.Write(new Text($"{gutter}= ", new Style(Color.Grey)));
        console.Write(new Text($"{label}: ", style ?? new Style(decoration: Decoration.Bold)));
        console.Write(new Text(text + "\n"));
    }
}
