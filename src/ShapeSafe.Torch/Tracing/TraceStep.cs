using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>One submodule call as an <see cref="ITraceObserver"/> sees it: plain data, no tensors or modules.</summary>
public sealed record TraceStep
{
    /// <summary>Position among leaf calls, from 1 (0 for containers).</summary>
    public required int Index { get; init; }

    public required string Path { get; init; }

    public required string Type { get; init; }

    public required string Construction { get; init; }

    /// <summary>Which call of this module, from 1.</summary>
    public required int Call { get; init; }

    /// <summary>True for modules without children (the trace's rows).</summary>
    public required bool IsLeaf { get; init; }

    public long Parameters { get; init; }

    public Shape? Input { get; init; }

    /// <summary>Set when the call returned.</summary>
    public Shape? Output { get; init; }
}
