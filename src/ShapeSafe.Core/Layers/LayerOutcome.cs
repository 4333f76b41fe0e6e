using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers;

/// <summary>
/// What a shape rule says about one layer applied to one input: the output shape, or the failure
/// PyTorch would raise (with a recovered output so checking can go on as if the first fix were
/// applied), the sizes it inferred, and the layer's cost.
/// </summary>
public sealed record LayerOutcome
{
    /// <summary>The output shape; null when the layer fails.</summary>
    public Shape? Output { get; init; }

    /// <summary>The failure PyTorch would raise at this layer, if any.</summary>
    public Diagnostic? Failure { get; init; }

    /// <summary>After a failure: the output the layer would give once fixed, so later layers are still checked. Null stops checking.</summary>
    public Shape? RecoveredOutput { get; init; }

    /// <summary>Warnings that do not stop the layer (e.g. deprecated implicit Softmax dim).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Sizes that were omitted and inferred from the input, by parameter name (in_features → 8192).</summary>
    public IReadOnlyDictionary<string, long> Inferred { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty;

    /// <summary>Trainable parameters.</summary>
    public long Parameters { get; init; }

    /// <summary>Multiply-adds for one sample (0 for layers without any); null when unknown (they depend on a symbolic size).</summary>
    public long? MultiplyAdds { get; init; } = 0;

    /// <summary>The window of spatial layers (convolution, pooling, upsampling), for receptive fields.</summary>
    public SpatialWindow? Window { get; init; }

    public bool Failed => Failure is not null;

    public static LayerOutcome Ok(Shape output) => new() { Output = output };

    public static LayerOutcome Fail(Diagnostic failure, Shape? recovered = null) => new() { Failure = failure, RecoveredOutput = recovered };
}
