namespace ShapeSafe.Torch.Tracing;

/// <summary>How a trace's child process finished on its own: the command's exit code and the text it wrote as errors.</summary>
public sealed record TraceLogExit(int Code, string Error);
