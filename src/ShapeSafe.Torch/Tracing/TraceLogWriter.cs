using System.Text.Json;
using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// An <see cref="ITraceObserver"/> that appends each event to a <see cref="TraceLog"/> file and hands
/// it to the operating system at once, so a native abort later in the forward pass loses nothing.
/// </summary>
public sealed class TraceLogWriter(string path) : ITraceObserver
{
    public string Path { get; } = path;

    public void Started(string moduleType, Shape input, long totalParameters) =>
        TraceLog.Append(Path, json =>
        {
            json.WriteString("kind", "start");
            json.WriteString("module", moduleType);
            TraceLog.WriteShape(json, "input", input);
            json.WriteNumber("params", totalParameters);
        });

    public void Entered(TraceStep step) => Write("enter", step);

    public void Left(TraceStep step) => Write("leave", step);

    private void Write(string kind, TraceStep step) =>
        TraceLog.Append(Path, json =>
        {
            json.WriteString("kind", kind);
            json.WriteNumber("index", step.Index);
            json.WriteString("path", step.Path);
            json.WriteString("type", step.Type);
            json.WriteString("construction", step.Construction);
            json.WriteNumber("call", step.Call);
            json.WriteBoolean("leaf", step.IsLeaf);
            json.WriteNumber("params", step.Parameters);
            TraceLog.WriteShape(json, "input", step.Input);
            TraceLog.WriteShape(json, "output", step.Output);
        });
}
