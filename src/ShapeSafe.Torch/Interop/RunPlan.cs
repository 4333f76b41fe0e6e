using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// A run checked by the shape engine before libtorch is touched: the resolved model, the input array, the
/// check at the input's shape, and its diagnostics (plus SS0233 where a checkpoint's trained sizes do not fit
/// the input). <see cref="CanRun"/> is false when any is an error.
/// </summary>
public sealed record RunPlan(RunRequest Request, ModelSource Source, NpyArray Input, CheckResult? Check, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>For a Python model: its check at the input's shape (the graph the runtime runs).</summary>
    public Checking.FileCheck? Python { get; init; }

    /// <summary>Every input array, in forward's parameter order (<see cref="Input"/> first).</summary>
    public IReadOnlyList<NpyArray> Inputs { get; init; } = [];

    public bool CanRun => !Diagnostics.Any(d => d.Severity == Severity.Error);
}
