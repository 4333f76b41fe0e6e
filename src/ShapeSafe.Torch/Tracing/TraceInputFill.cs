namespace ShapeSafe.Torch.Tracing;

/// <summary>What the traced input tensor holds. Shapes do not depend on it; values only matter to data-dependent code.</summary>
public enum TraceInputFill
{
    /// <summary>All zeros (deterministic).</summary>
    Zeros,

    /// <summary>Standard normal values from a generator seeded with <see cref="TraceOptions.Seed"/>.</summary>
    Random,
}
