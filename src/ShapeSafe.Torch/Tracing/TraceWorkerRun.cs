namespace ShapeSafe.Torch.Tracing;

/// <summary>How a trace's child process ended and what it recorded.</summary>
public sealed record TraceWorkerRun
{
    public required TraceLog Log { get; init; }

    /// <summary>The process's exit code (134 after an abort on Linux; -1 or 137 when it was stopped).</summary>
    public required int ExitCode { get; init; }

    /// <summary>True when it ran past its time and was stopped.</summary>
    public required bool TimedOut { get; init; }

    /// <summary>Its standard output, when captured.</summary>
    public string Output { get; init; } = string.Empty;

    /// <summary>Its standard error: native messages only (libtorch's warnings, the abort message).</summary>
    public string NativeError { get; init; } = string.Empty;

    /// <summary>True when the child finished on its own and reported its exit; false when it aborted, crashed or was stopped.</summary>
    public bool Finished => !TimedOut && Log.Exit is not null;
}
