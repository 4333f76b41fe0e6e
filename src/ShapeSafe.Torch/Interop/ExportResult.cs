using ShapeSafe.Interop;

namespace ShapeSafe.Torch.Interop;

/// <summary>What export wrote: the file, its format, and each tensor's key and shape.</summary>
public sealed record ExportResult(string Path, WeightsFormat Format, IReadOnlyList<ExpectedTensor> Tensors);
