namespace ShapeSafe.Torch.Native;

/// <summary>How libtorch's oneDNN (MKLDNN) CPU backend was set up for this process, and why.</summary>
/// <param name="Enabled">Whether convolutions run through oneDNN (false: libtorch's own im2col + BLAS kernels).</param>
/// <param name="Reason">One line: the cache repair and probe outcome, or the setting that turned it off.</param>
public sealed record OneDnnState(bool Enabled, string Reason);
