using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;

namespace ShapeSafe.Inference;

/// <summary>
/// The check both front-ends make after a layer's rule: a tensor that cannot exist (its float32 storage size beyond a
/// signed 64-bit integer, where PyTorch raises "Storage size calculation overflowed") is an error naming the layer and
/// the size, and checking stops there (no later size could be trusted).
/// </summary>
public static class TensorLimitCheck
{
    /// <summary>The outcome with SS0120 as its failure when the layer's weights or its output (or recovered output) cannot exist; else the outcome.</summary>
    public static LayerOutcome Apply(LayerContext context, LayerOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Parameters > TensorLimits.MaxElements)
        {
            var weights = context.Error(DiagnosticCatalog.TensorTooLarge, context.Call.CallSpan, context.Name, DiagnosticCatalog.TooLargeLayerWeights,
                outcome.Parameters.ToString(CultureInfo.InvariantCulture)) with
            {
                Notes = [PyTorchText.Construction("RuntimeError: Storage size calculation overflowed")],
            };
            return outcome with { Output = null, RecoveredOutput = null, Failure = outcome.Failure ?? weights, MultiplyAdds = null };
        }

        if ((outcome.Output ?? outcome.RecoveredOutput) is not { } output || !TensorLimits.CannotExist(output))
        {
            return outcome;
        }

        var elements = TensorLimits.KnownElements(output);
        var failure = context.Error(DiagnosticCatalog.TensorTooLarge, context.Call.CallSpan, context.Name,
            string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.TooLargeOutput, output), elements.ToString(CultureInfo.InvariantCulture)) with
        {
            Notes = [PyTorchText.RunTime(TensorLimits.TorchMessage(output))],
        };
        return outcome with { Output = null, RecoveredOutput = null, Failure = outcome.Failure ?? failure, MultiplyAdds = null };
    }
}
