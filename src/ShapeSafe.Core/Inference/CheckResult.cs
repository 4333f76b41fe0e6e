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

    /// <summary>The parameters of all layers; long.MaxValue when they overflow a long (the checker then reports SS0120).</summary>
    public long TotalParameters => TensorLimits.SumOrNull(Layers.Select(l => (long?)l.Parameters)) ?? long.MaxValue;

    /// <summary>Parameter memory in bytes (fp32); null when it overflows a long.</summary>
    public long? ParameterBytes => TensorLimits.TimesOrNull(TotalParameters, TensorLimits.ElementBytes);

    /// <summary>Multiply-adds per sample of all layers; null when any layer's is unknown or the sum overflows.</summary>
    public long? TotalMultiplyAdds => TensorLimits.SumOrNull(Layers.Select(l => l.MultiplyAdds));

    /// <summary>The batch size, when the input's first dimension is known.</summary>
    public long? Batch => Input is { Rank: > 0 } s && s[0].IsKnown ? s[0].Value : null;

    /// <summary>Activation bytes for forward and backward (each layer's output stored once and its gradient once, fp32) for the batch.</summary>
    /// <remarks>Null when a layer's output size is unknown (symbolic) or the total overflows a long.</remarks>
    public long? ForwardBackwardActivationBytes =>
        TensorLimits.TimesOrNull(TensorLimits.TimesOrNull(2 * TensorLimits.ElementBytes, Batch ?? 1), TensorLimits.SumOrNull(Layers.Select(l => l.OutputElementsPerSample)));
}
