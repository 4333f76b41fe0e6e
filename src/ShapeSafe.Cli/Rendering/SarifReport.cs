using System.Text;
using System.Text.Json;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The diagnostics of <c>check --format sarif</c> as a SARIF 2.1.0 log, for CI pipelines and code-scanning
/// views: one run, a rule per diagnostic code, and each fix as SARIF replacements.
/// </summary>
public static class SarifReport
{
    public static string Write(IReadOnlyList<CheckResult> results) =>
        Write(results.Select(r => (r.File.Path, r.Diagnostics)).ToList());

    public static string Write(IReadOnlyList<ShapeSafe.Checking.FileCheck> results) =>
        Write(results.Select(r => (r.Path, r.Diagnostics)).ToList());

    public static string Write(IReadOnlyList<(string Path, IReadOnlyList<Diagnostic> Diagnostics)> results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, results.SelectMany(r => r.Diagnostics).Select(d => d.Descriptor).DistinctBy(d => d.Code).OrderBy(d => d.Code, StringComparer.Ordinal));
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    WriteResult(json, result.Path, diagnostic);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTool(Utf8JsonWriter json, IEnumerable<DiagnosticDescriptor> descriptors)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ShapeSafe");
        json.WriteStartArray("rules");
        foreach (var descriptor in descriptors)
        {
            json.WriteStartObject();
            json.WriteString("id", descriptor.Code);
            json.WriteString("name", descriptor.Title);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", descriptor.Title);
            json.WriteEndObject();
            json.WriteString("helpUri", descriptor.DocsPath);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(descriptor.Severity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, string path, Diagnostic diagnostic)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Code);
        json.WriteString("level", Level(diagnostic.Severity));
        json.WriteStartObject("message");
        var text = new StringBuilder(diagnostic.Message);
        if (diagnostic.Expected is { } expected)
        {
            text.Append($" (expected {expected.Value}: {expected.Origin})");
        }

        if (diagnostic.Actual is { } actual)
        {
            text.Append($" (actual {actual.Value}: {actual.Origin})");
        }

        json.WriteString("text", text.ToString());
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, path);
        if (!diagnostic.Span.IsNone)
        {
            WriteRegion(json, "region", diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Span.EndColumn);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        if (diagnostic.Related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            for (var i = 0; i < diagnostic.Related.Count; i++)
            {
                var related = diagnostic.Related[i];
                json.WriteStartObject();
                json.WriteNumber("id", i + 1);
                json.WriteStartObject("physicalLocation");
                WriteArtifact(json, path);
                if (!related.Span.IsNone)
                {
                    WriteRegion(json, "region", related.Span.Line, related.Span.Column, related.Span.EndColumn);
                }

                json.WriteEndObject();
                json.WriteStartObject("message");
                json.WriteString("text", related.Note);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("fixes");
        foreach (var fix in diagnostic.Fixes.Where(f => f.Edits.Count > 0))
        {
            json.WriteStartObject();
            json.WriteStartObject("description");
            json.WriteString("text", $"{fix.Description} [{fix.Applicability}]");
            json.WriteEndObject();
            json.WriteStartArray("artifactChanges");
            json.WriteStartObject();
            WriteArtifact(json, path);
            json.WriteStartArray("replacements");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                WriteRegion(json, "deletedRegion", edit.Span.Line, edit.InsertLineBefore ? 1 : edit.Span.Column, edit.InsertLineBefore ? 1 : edit.Span.EndColumn);
                json.WriteStartObject("insertedContent");
                json.WriteString("text", edit.InsertLineBefore ? edit.NewText + "\n" : edit.NewText);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, string path)
    {
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", path.Replace('\\', '/'));
        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, string name, int line, int column, int endColumn)
    {
        json.WriteStartObject(name);
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        json.WriteNumber("endColumn", endColumn);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
