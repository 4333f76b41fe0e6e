using System.Text;
using System.Text.Json;
using ShapeSafe.Explain;
using ShapeSafe.Shapes;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The JSON document of <c>shapesafe explain --format json</c> (documented in docs/explain.md): the explanation's
/// fields in snake_case, or <c>recognized: false</c> with the reason.
/// </summary>
public static class ExplainJson
{
    public const int SchemaVersion = 1;

    public static string Write(ExplainResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteBoolean("recognized", result.Recognized);
            if (result.Explanation is { } e)
            {
                WriteExplanation(json, e);
            }
            else
            {
                json.WriteString("reason", result.Reason);
                json.WriteBoolean("self_contradictory", result.SelfContradictory);
                json.WriteStartArray("known_kinds");
                foreach (var kind in MessageExplainer.Kinds)
                {
                    json.WriteStringValue(kind);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteExplanation(Utf8JsonWriter json, Explanation e)
    {
        json.WriteString("kind", e.Kind);
        json.WriteString("title", e.Title);
        json.WriteString("summary", e.Summary);
        json.WriteString("matched_line", e.MatchedLine);
        json.WriteStartArray("numbers");
        foreach (var n in e.Numbers)
        {
            json.WriteStartObject();
            json.WriteString("name", n.Name);
            json.WriteNumber("value", n.Value);
            json.WriteString("meaning", n.Meaning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("shapes");
        foreach (var s in e.Shapes)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            WriteLongs(json, "dims", s.Dims);
            json.WriteString("meaning", s.Meaning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("cause", e.Cause);
        WriteStrings(json, "fixes", e.Fixes);
        if (e.FactorHints is { } hints)
        {
            json.WriteStartObject("factor_hints");
            json.WriteNumber("value", hints.Value);
            json.WriteString("text", hints.ToString());
            json.WriteString("prime_factorization", hints.PrimeFactorization);
            json.WriteStartArray("candidates");
            foreach (var c in hints.Candidates)
            {
                json.WriteStartObject();
                json.WriteNumber("channels", c.Channels);
                json.WriteNumber("height", c.Height);
                json.WriteNumber("width", c.Width);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("factor_hints");
        }

        json.WriteStartArray("parameters");
        foreach (var p in e.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("parameter", p.Parameter);
            json.WriteString("module", p.Module);
            WriteLongs(json, "checkpoint_shape", p.CheckpointShape);
            WriteLongs(json, "model_shape", p.ModelShape);
            json.WriteString("meaning", p.Meaning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "notes", e.Notes);
        if (e.Model is { } model)
        {
            WriteModel(json, model);
        }
        else
        {
            json.WriteNull("model");
        }

        json.WriteString("raw_message", e.RawMessage);
    }

    private static void WriteModel(Utf8JsonWriter json, ModelMatch model)
    {
        json.WriteStartObject("model");
        json.WriteString("path", model.Path);
        JsonReport.WriteShape(json, "input", model.Input);
        json.WriteNumber("error_count", model.ErrorCount);
        json.WriteStartArray("layers");
        foreach (var layer in model.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteString("type", layer.Type);
            json.WriteNumber("line", layer.Line);
            json.WriteString("line_text", layer.LineText);
            json.WriteString("reason", layer.Reason);
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in layer.Diagnostics)
            {
                JsonReport.WriteDiagnostic(json, diagnostic);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "notes", model.Notes);
        json.WriteEndObject();
    }


    private static void WriteLongs(Utf8JsonWriter json, string name, IEnumerable<long> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }
}
