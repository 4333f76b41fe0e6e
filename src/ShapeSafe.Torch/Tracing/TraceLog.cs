using System.Text.Json;
using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// What a trace's child process recorded, read back from its log file (one JSON object a line, each
/// flushed as written, so the lines before an abort are there): the start, every call entered and
/// left, and the exit with the command's exit code and error text when the child finished on its own.
/// </summary>
public sealed record TraceLog
{
    /// <summary>The traced module's class; null when the child ended before the forward pass started.</summary>
    public string? ModuleType { get; init; }

    public Shape? Input { get; init; }

    public long TotalParameters { get; init; }

    /// <summary>Every call in order: a call that returned appears twice (entered, then left with its output).</summary>
    public IReadOnlyList<(bool Left, TraceStep Step)> Events { get; init; } = [];

    /// <summary>Set when the child finished on its own (it did not abort and was not stopped).</summary>
    public TraceLogExit? Exit { get; init; }

    /// <summary>Reads a log; a missing file or a line cut short by an abort reads as what came before it.</summary>
    public static TraceLog Read(string path)
    {
        if (!File.Exists(path))
        {
            return new TraceLog();
        }

        string? moduleType = null;
        Shape? input = null;
        long parameters = 0;
        TraceLogExit? exit = null;
        var events = new List<(bool, TraceStep)>();
        foreach (var line in File.ReadLines(path))
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                var e = document.RootElement;
                switch (e.GetProperty("kind").GetString())
                {
                    case "start":
                        moduleType = e.GetProperty("module").GetString();
                        input = ReadShape(e, "input");
                        parameters = e.GetProperty("params").GetInt64();
                        break;
                    case "enter":
                    case "leave":
                        events.Add((e.GetProperty("kind").GetString() == "leave", ReadStep(e)));
                        break;
                    case "exit":
                        exit = new TraceLogExit(e.GetProperty("code").GetInt32(), e.GetProperty("error").GetString() ?? string.Empty);
                        break;
                }
            }
        }

        return new TraceLog { ModuleType = moduleType, Input = input, TotalParameters = parameters, Events = events, Exit = exit };
    }

    /// <summary>Appends the exit record: the child finished on its own with this exit code and error text.</summary>
    public static void WriteExit(string path, int code, string error) =>
        Append(path, writer =>
        {
            writer.WriteString("kind", "exit");
            writer.WriteNumber("code", code);
            writer.WriteString("error", error);
        });

    internal static void Append(string path, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        file.Flush(flushToDisk: false);
    }

    internal static void WriteShape(Utf8JsonWriter json, string name, Shape? shape)
    {
        if (shape is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        for (var i = 0; i < shape.Rank; i++)
        {
            json.WriteNumberValue(shape[i].Value);
        }

        json.WriteEndArray();
    }

    private static Shape? ReadShape(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? Shape.Of(value.EnumerateArray().Select(d => d.GetInt64()).ToArray())
            : null;

    private static TraceStep ReadStep(JsonElement e) => new()
    {
        Index = e.GetProperty("index").GetInt32(),
        Path = e.GetProperty("path").GetString() ?? string.Empty,
        Type = e.GetProperty("type").GetString() ?? string.Empty,
        Construction = e.GetProperty("construction").GetString() ?? string.Empty,
        Call = e.GetProperty("call").GetInt32(),
        IsLeaf = e.GetProperty("leaf").GetBoolean(),
        Parameters = e.GetProperty("params").GetInt64(),
        Input = ReadShape(e, "input"),
        Output = ReadShape(e, "output"),
    };
}
