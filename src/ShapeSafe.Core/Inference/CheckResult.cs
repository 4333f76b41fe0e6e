using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>The result of checking one model file: data only; renderers decide how it looks.</summary>
public sealed record CheckResult(ModelFile File, Shape? Input, IReadOnlyList<LayerTrace> Layers, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The final output shape when the whole model checked clean.</summary>
    public Shape? Output => HasErrors || Layers.Count == 0 ? null : Layers[^1].Output;

    public long TotalParameters => Layers.Sum(l => l.Parameters);

    /// <summary>Parameter memory in bytes (fp32).</summary>
    public long ParameterBytes => TotalParameters * 4;

    public long TotalMultiplyAdds => Layers.Sum(l => l.MultiplyAdds);

    /// <summary>The batch size, when the input's first dimension is known.</summary>
    public long? Batch => Input is { Rank: > 0 } s && s[0].IsKnown ? s[0].Value : null;

    /// <summary>Activation bytes for forward and backward (each layer's output stored once and its gradient once, fp32) for the batch.</summary>
    public long ForwardBackwardActivationBytes => 2 * 4 * (Batch ?? 1) * Layers.Sum(l => l.OutputElementsPerSample ?? 0);
}
