using System.Globalization;
using ShapeSafe.Diagnostics;
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

        var gutterWidth = Math.Max(2, diagnostic.Span.Line.ToString(CultureInfo.InvariantCulture).Length + 1);
        var gutter = new string(' ', gutterWidth);
        var dim = new Style(Color.Grey);
        if (!diagnostic.Span.IsNone && diagnostic.Span.Line <= lines.Count)
        {
            var source = lines[diagnostic.Span.Line - 1].Replace('\t', ' ');
            console.Write(new Text($"{gutter}|\n", dim));
            console.Write(new Text($"{diagnostic.Span.Line.ToString(CultureInfo.InvariantCulture).PadLeft(gutterWidth - 1)} | ", dim));
            console.Write(new Text(source + "\n"));
            var start = Math.Clamp(diagnostic.Span.Column - 1, 0, source.Length);
            var width = Math.Max(1, Math.Min(diagnostic.Span.Length, Math.Max(1, source.Length - start)));
            console.Write(new Text($"{gutter}| ", dim));
            console.Write(new Text(new string(' ', start) + new string('^', width), new Style(color)));
            if (diagnostic.Expected is { } expectedOnCaret)
            {
                console.Write(new Text($" expected {expectedOnCaret.Value}: {expectedOnCaret.Origin}", new Style(color)));
            }

            console.WriteLine();
        }

        foreach (var related in diagnostic.Related)
        {
            WriteRelated(console, gutter, lines, related, dim);
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

    /// <summary>A secondary location, as rustc draws one: the source line with the span underlined by '-' and the note beside it.</summary>
    private static void WriteRelated(IAnsiConsole console, string gutter, IReadOnlyList<string> lines, RelatedLocation related, Style dim)
    {
        if (related.Span.IsNone || related.Span.Line > lines.Count)
        {
            WriteNote(console, gutter, "related", related.Note);
            return;
        }

        var source = lines[related.Span.Line - 1].Replace('\t', ' ');
        var number = related.Span.Line.ToString(CultureInfo.InvariantCulture);
        var width = Math.Max(gutter.Length, number.Length + 1);
        var pad = new string(' ', width);
        console.Write(new Text($"{pad}|\n", dim));
        console.Write(new Text($"{number.PadLeft(width - 1)} | ", dim));
        console.Write(new Text(source + "\n"));
        var start = Math.Clamp(related.Span.Column - 1, 0, source.Length);
        var length = Math.Max(1, Math.Min(related.Span.Length, Math.Max(1, source.Length - start)));
        console.Write(new Text($"{pad}| ", dim));
        console.Write(new Text(new string(' ', start) + new string('-', length) + " " + related.Note + "\n", new Style(Color.Blue)));
    }

    private static void WriteNote(IAnsiConsole console, string gutter, string label, string text, Style? style = null)
    {
        console.Write(new Text($"{gutter}= ", new Style(Color.Grey)));
        console.Write(new Text($"{label}: ", style ?? new Style(decoration: Decoration.Bold)));
        console.Write(new Text(text + "\n"));
    }
}
