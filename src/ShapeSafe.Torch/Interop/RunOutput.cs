using ShapeSafe.Interop;

namespace ShapeSafe.Torch.Interop;

/// <summary>One output file <c>shapesafe run</c> wrote: its path, element type and shape.</summary>
public sealed record RunOutput(string Path, TensorDType DType, IReadOnlyList<long> Shape);
