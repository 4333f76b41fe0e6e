using TorchSharp;

namespace ShapeSafe.Torch.Tracing;

/// <summary>How <see cref="ShapeTracer"/> builds the input it runs the module on.</summary>
public sealed record TraceOptions
{
    public static TraceOptions Default { get; } = new();

    public TraceInputFill Fill { get; init; } = TraceInputFill.Zeros;

    /// <summary>Seed of the generator used with <see cref="TraceInputFill.Random"/>.</summary>
    public long Seed { get; init; }

    /// <summary>Element type of the input; null: the module's first floating-point parameter's type, else float32.</summary>
    public torch.ScalarType? DType { get; init; }

    /// <summary>Device of the input; null: the device of the module's first parameter, else the CPU.</summary>
    public torch.Device? Device { get; init; }

    /// <summary>Told of every call as it happens (the trace's child process logs them, so they survive an abort).</summary>
    public ITraceObserver? Observer { get; init; }
}
