using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers;

/// <summary>
/// A layer whose output has its input's shape (activations, dropout, Identity). Subclasses add the
/// checks PyTorch makes (argument ranges, input rank, channel counts) and their parameter count.
/// </summary>
public abstract class ShapePreservingRule : LayerRule
{
    public sealed override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var warnings = new List<Diagnostic>();
        var failure = Check(context, input, warnings);
        var parameters = Parameters(context, input);
        return failure is null
            ? new LayerOutcome { Output = input, Warnings = warnings, Parameters = parameters }
            : new LayerOutcome { Failure = failure, RecoveredOutput = input, Warnings = warnings, Parameters = parameters };
    }

    /// <summary>The error PyTorch would raise for this layer and input, or null; warnings go to <paramref name="warnings"/>.</summary>
    protected virtual Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings) => null;

    /// <summary>Trainable parameters (PReLU's slopes); zero for most.</summary>
    protected virtual long Parameters(LayerContext context, Shape input) => 0;
}
