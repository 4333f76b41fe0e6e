using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>
/// One layer as checked: its call, the shape it received, the shape it produced (null from the
/// first error on), the shape assumed to continue checking after an error, cost, and receptive field.
/// </summary>
public sealed record LayerTrace
{
    public required LayerCall Call { get; init; }

    /// <summary>The registry entry; null for an unknown layer type.</summary>
    public LayerRegistry.Entry? Entry { get; init; }

    public BoundArgs? Args { get; init; }

    public string Name => Call.Name ?? Call.Type;

    public string Type => Call.Type;

    public Shape? Input { get; init; }

    /// <summary>The output, when it is certain: null at and after the first error.</summary>
    public Shape? Output { get; init; }

    /// <summary>The output assumed after an earlier error (as if the first fix were applied), else equal to <see cref="Output"/>.</summary>
    public Shape? AssumedOutput { get; init; }

    public LayerOutcome? Outcome { get; init; }

    /// <summary>Trainable parameters this line adds: none for a reuse of an earlier layer, whose weights are shared.</summary>
    public long Parameters => Call.ReusedFrom is null ? Outcome?.Parameters ?? 0 : 0;

    /// <summary>Multiply-adds per sample; null when unknown (a symbolic size, or a layer that could not be checked).</summary>
    public long? MultiplyAdds => Outcome?.MultiplyAdds;

    /// <summary>Receptive field per spatial dimension, in input pixels, for spatial layers; null elsewhere.</summary>
    public double[]? ReceptiveField { get; init; }

    /// <summary>Elements of the output for one sample (the batch dimension excluded), when known.</summary>
    public long? OutputElementsPerSample => (Output ?? AssumedOutput) is { Rank: > 0 } s && TensorLimits.KnownElements(s) <= TensorLimits.MaxElements ? s.KnownProduct(1) : null;
}
