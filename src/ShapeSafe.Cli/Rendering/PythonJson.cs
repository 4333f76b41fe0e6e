using System.Text.Json;
using ShapeSafe.Checking;
using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The file object of a Python file in the JSON document of <c>check</c> and <c>summary</c>: the class and inputs chosen
/// and why, the output, the module tree with PyTorch's qualified names, the dataflow graph's nodes, and the diagnostics.
/// </summary>
public static class PythonJson
{
    public static void WriteFile(Utf8JsonWriter json, FileCheck check)
    {
        var python = check.Python;
        json.WriteStartObject();
        json.WriteString("path", check.Path);
        json.WriteString("language", "python");
        if (python?.ClassName is { } cls)
        {
            json.WriteString("class", cls);
        }
        else
        {
            json.WriteNull("class");
        }

        json.WriteString("class_choice", Snake(python?.ClassChoice.ToString() ?? "None"));
        json.WriteStartArray("candidates");
        foreach (var candidate in python?.Candidates ?? [])
        {
            json.WriteStringValue(candidate);
        }

        json.WriteEndArray();
        JsonReport.WriteShape(json, "input", check.Inputs.Count > 0 ? check.Inputs[0] : null);
        json.WriteStartArray("inputs");
        foreach (var input in check.Inputs)
        {
            JsonReport.WriteShapeValue(json, input);
        }

        json.WriteEndArray();
        json.WriteString("input_source", Snake(python?.InputSource.ToString() ?? "None"));
        JsonReport.WriteShape(json, "output_shape", check.Output);
        json.WritePropertyName("output");
        WriteValue(json, check.HasErrors ? null : python?.Output);
        json.WriteBoolean("ok", !check.HasErrors && !check.IsUsageError);
        json.WriteNumber("params", check.TotalParameters);
        json.WriteNumber("param_bytes", check.TotalParameters * 4);
        json.WriteStartArray("modules");
        foreach (var module in check.Graph?.Modules ?? [])
        {
            json.WriteStartObject();
            json.WriteString("name", module.QualifiedName);
            json.WriteString("type", module.Type);
            json.WriteNumber("params", module.OwnParameters);
            json.WriteNumber("total_params", module.TotalParameters);
            json.WriteNumber("line", module.Constructor?.Line ?? 0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("nodes");
        foreach (var node in check.Graph?.Nodes ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("index", node.Index);
            json.WriteString("op", Snake(node.Kind.ToString()));
            json.WriteString("target", node.Target);
            json.WriteNumber("line", node.Span.Line);
            json.WriteStartArray("inputs");
            foreach (var input in node.Inputs)
            {
                json.WriteNumberValue(input.Index);
            }

            json.WriteEndArray();
            json.WritePropertyName("value");
            WriteValue(json, node.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in check.Diagnostics)
        {
            JsonReport.WriteDiagnostic(json, diagnostic);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A graph value: a tensor as its shape array, a size as a number (or string when symbolic), a sequence as an array, else null.</summary>
    private static void WriteValue(Utf8JsonWriter json, GraphValue? value)
    {
        switch (value)
        {
            case TensorValue tensor:
                JsonReport.WriteShapeValue(json, tensor.Shape);
                break;
            case SizeValue { Size.IsKnown: true } size:
                json.WriteNumberValue(size.Size.Value);
                break;
            case SizeValue size:
                json.WriteStringValue(size.Size.ToString());
                break;
            case SequenceValue sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private static string Snake(string pascal)
    {
        var chars = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                chars.Append('_');
            }

            chars.Append(char.ToLowerInvariant(pascal[i]));
        }

        return chars.ToString();
    }
}
