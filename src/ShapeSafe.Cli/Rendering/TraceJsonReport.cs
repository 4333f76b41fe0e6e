using System.Text;
using System.Text.Json;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Torch.Tracing;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The JSON document of <c>shapesafe trace</c>: the module, its input, one object per submodule call
/// (<c>rows[]</c>) and the diagnostics in the same form as <c>check</c>'s.
/// </summary>
public static class TraceJsonReport
{
    public static string Write(TraceResult result, string assemblyPath, string typeName)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema_version", JsonReport.SchemaVersion);
            json.WriteString("assembly", assemblyPath);
            json.WriteString("type", typeName);
            json.WriteString("module_class", result.ModuleType);
            JsonReport.WriteShape(json, "input", result.Input);
            JsonReport.WriteShape(json, "output_shape", result.Output);
            json.WriteBoolean("ok", result.Succeeded);
            json.WriteNumber("params", result.TotalParameters);
            json.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                json.WriteNumber("index", row.Index);
                json.WriteString("path", row.Path);
                json.WriteString("type", row.Type);
                json.WriteString("construction", row.Construction);
                json.WriteNumber("call", row.Call);
                JsonReport.WriteShape(json, "input_shape", row.InputShape);
                JsonReport.WriteShape(json, "output_shape", row.OutputShape);
                json.WriteNumber("params", row.Parameters);
                json.WriteBoolean("failed", row.Failed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("not_run");
            foreach (var path in result.NotRun)
            {
                json.WriteStringValue(path);
            }

            json.WriteEndArray();
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in result.Diagnostics)
            {
                JsonReport.WriteDiagnostic(json, diagnostic);
            }

            json.WriteEndArray();
            json.WriteNumber("errors", result.Diagnostics.Count(d => d.Severity == Severity.Error));
            json.WriteNumber("warnings", result.Diagnostics.Count(d => d.Severity == Severity.Warning));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

}
