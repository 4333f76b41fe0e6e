using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// Sees a trace as it happens, one call at a time, so what was recorded survives a forward pass that
/// ends the process (the trace's child process writes it to a <see cref="TraceLog"/> file).
/// </summary>
public interface ITraceObserver
{
    /// <summary>Before the forward pass: the module's class, the input and the module's parameter count.</summary>
    void Started(string moduleType, Shape input, long totalParameters);

    /// <summary>A submodule's call began (its forward pre-hook).</summary>
    void Entered(TraceStep step);

    /// <summary>A submodule's call returned (its forward hook); <see cref="TraceStep.Output"/> is set.</summary>
    void Left(TraceStep step);
}
