using System.Text;
using System.Text.Json;
using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Shapes;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The JSON document of <c>check</c> and <c>summary</c> (documented in docs/json-format.md): one
/// object with <c>files[]</c>, each with its input, totals, <c>layers[]</c> and <c>diagnostics[]</c>.
/// </summary>
public static class JsonReport
{
    public const int SchemaVersion = 1;

    public static string Write(IReadOnlyList<CheckResult> results) =>
        Write(results.Select(r => new FileCheck
        {
            Path = r.File.Path,
            Language = SourceLanguage.ModelFile,
            Text = string.Join("\n", r.File.Lines),
            Lines = r.File.Lines,
            Diagnostics = r.Diagnostics,
            Output = r.Output,
            TotalParameters = r.TotalParameters,
            ModelFile = r,
        }).ToList());

    public static string Write(IReadOnlyList<FileCheck> results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", SchemaVersion);
            json.WriteStartArray("files");
            foreach (var result in results)
            {
                WriteFile(json, result);
            }

            json.WriteEndArray();
            json.WriteNumber("errors", results.Sum(r => r.Diagnostics.Count(d => d.Severity == Severity.Error)));
            json.WriteNumber("warnings", results.Sum(r => r.Diagnostics.Count(d => d.Severity == Severity.Warning)));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFile(Utf8JsonWriter json, FileCheck check)
    {
        if (check.ModelFile is { } modelFile)
        {
            WriteModelFile(json, modelFile);
        }
        else
        {
            PythonJson.WriteFile(json, check);
        }
    }

    /// <summary>A count, or null when it is unknown (symbolic sizes) or beyond a long.</summary>
    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteModelFile(Utf8JsonWriter json, CheckResult result)
    {
        json.WriteStartObject();
        json.WriteString("path", result.File.Path);
        json.WriteString("language", "model");
        WriteShape(json, "input", result.Input);
        WriteShape(json, "output_shape", result.Output);
        json.WriteBoolean("ok", !result.HasErrors);
        json.WriteNumber("params", result.TotalParameters);
        WriteNumberOrNull(json, "param_bytes", result.ParameterBytes);
        WriteNumberOrNull(json, "mult_adds_per_sample", result.TotalMultiplyAdds);
        WriteNumberOrNull(json, "forward_backward_activation_bytes", result.ForwardBackwardActivationBytes);
        json.WriteStartArray("layers");
        foreach (var layer in result.Layers)
        {
            json.WriteStartObject();
            json.WriteNumber("line", layer.Call.Line);
            json.WriteString("name", layer.Name);
            json.WriteString("type", layer.Entry?.Type ?? layer.Type);
            WriteShape(json, "input_shape", layer.Input);
            WriteShape(json, "output_shape", layer.Output);
            WriteShape(json, "assumed_output_shape", layer.AssumedOutput);
            json.WriteNumber("params", layer.Parameters);
            WriteNumberOrNull(json, "mult_adds", layer.MultiplyAdds);
            WriteNumberOrNull(json, "activation_bytes", TensorLimits.TimesOrNull(TensorLimits.TimesOrNull(layer.OutputElementsPerSample, TensorLimits.ElementBytes), result.Batch ?? 1));

            if (layer.ReceptiveField is { } field)
            {
                json.WriteStartArray("receptive_field");
                foreach (var v in field)
                {
                    json.WriteNumberValue(v);
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("receptive_field");
            }

            json.WriteStartObject("inferred");
            foreach (var (name, value) in layer.Outcome?.Inferred ?? new Dictionary<string, long>())
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in result.Diagnostics)
        {
            WriteDiagnostic(json, diagnostic);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic)
    {
        json.WriteStartObject();
        json.WriteString("code", diagnostic.Code);
        json.WriteString("title", diagnostic.Descriptor.Title);
        json.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
        WriteSpan(json, diagnostic.Span);
        json.WriteString("message", diagnostic.Message);
        if (diagnostic.Layer is { } layer)
        {
            json.WriteStartObject("layer");
            json.WriteNumber("line", layer.Line);
            json.WriteString("name", layer.Name);
            json.WriteString("type", layer.Type);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("layer");
        }

        WriteFact(json, "expected", diagnostic.Expected);
        WriteFact(json, "actual", diagnostic.Actual);
        json.WriteStartArray("notes");
        foreach (var note in diagnostic.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        if (diagnostic.RawMessage is not null)
        {
            json.WriteString("raw_message", diagnostic.RawMessage);
        }

        json.WriteStartArray("related");
        foreach (var related in diagnostic.Related)
        {
            json.WriteStartObject();
            WriteSpan(json, related.Span);
            json.WriteString("message", related.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("fixes");
        foreach (var fix in diagnostic.Fixes)
        {
            json.WriteStartObject();
            json.WriteString("description", fix.Description);
            json.WriteString("applicability", fix.Applicability switch
            {
                Applicability.MachineApplicable => "machine_applicable",
                Applicability.MaybeIncorrect => "maybe_incorrect",
                _ => "has_placeholders",
            });
            json.WriteStartArray("edits");
            foreach (var edit in fix.Edits)
            {
                json.WriteStartObject();
                WriteSpan(json, edit.Span);
                json.WriteString("new_text", edit.NewText);
                json.WriteBoolean("insert_line_before", edit.InsertLineBefore);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("docs", diagnostic.Descriptor.DocsPath);
        json.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter json, string name, Fact? fact)
    {
        if (fact is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("value", fact.Value);
        json.WriteString("origin", fact.Origin);
        json.WriteEndObject();
    }

    /// <summary>A shape as a JSON array of ints (symbolic dimensions as strings such as "N"), or null.</summary>
    public static void WriteShape(Utf8JsonWriter json, string name, Shape? shape)
    {
        if (shape is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WritePropertyName(name);
        WriteShapeValue(json, shape);
    }

    /// <summary>A shape as a JSON array value: known dimensions as ints, symbolic ones as their expression.</summary>
    public static void WriteShapeValue(Utf8JsonWriter json, Shape shape)
    {
        json.WriteStartArray();
        foreach (var dim in shape)
        {
            if (dim.IsKnown)
            {
                json.WriteNumberValue(dim.Value);
            }
            else
            {
                json.WriteStringValue(dim.Symbol);
            }
        }

        json.WriteEndArray();
    }

    /// <summary>A location's <c>line</c>, <c>column</c> and <c>end_column</c> properties.</summary>
    private static void WriteSpan(Utf8JsonWriter json, ShapeSafe.Syntax.SourceSpan span)
    {
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
        json.WriteNumber("end_column", span.EndColumn);
    }
}
