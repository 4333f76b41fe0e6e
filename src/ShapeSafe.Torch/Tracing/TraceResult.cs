using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// What a traced forward pass recorded: data only; renderers decide how it looks. <see cref="Rows"/>
/// stop at the failing call when the pass failed.
/// </summary>
public sealed record TraceResult
{
    /// <summary>The traced module's class name.</summary>
    public required string ModuleType { get; init; }

    public required Shape Input { get; init; }

    public required IReadOnlyList<TraceRow> Rows { get; init; }

    /// <summary>The output shape when the pass ran through.</summary>
    public Shape? Output { get; init; }

    /// <summary>The error that stopped the pass (also in <see cref="Diagnostics"/>), or null.</summary>
    public Diagnostic? Failure { get; init; }

    /// <summary>Every finding: the failure, warnings (batch folded into features), and modules that never ran.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>Paths of leaf modules that never ran through call() (unused, or invoked with forward(), which skips hooks).</summary>
    public IReadOnlyList<string> NotRun { get; init; } = [];

    /// <summary>Parameters of the whole module, shared ones counted once.</summary>
    public long TotalParameters { get; init; }

    public bool Succeeded => Failure is null;
}
