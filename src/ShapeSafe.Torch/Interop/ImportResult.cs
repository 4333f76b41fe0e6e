using ShapeSafe.Diagnostics;
using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// What import did: the model it checked against, every diagnostic (the model's own, then SS0230-SS0232 for
/// keys and shapes that do not match), and, when there were no errors, the checkpoint's meta and tensor count.
/// </summary>
public sealed record ImportResult(ModelSource Source, IReadOnlyList<Diagnostic> Diagnostics, CheckpointMeta? Written, int Tensors)
{
    public bool Succeeded => Written is not null;
}
