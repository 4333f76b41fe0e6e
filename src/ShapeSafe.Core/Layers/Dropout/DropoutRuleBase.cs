using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Dropout;

/// <summary>
/// The dropout layers (p=0.5, inplace=False): shape preserving; as in PyTorch's _DropoutNd, p must be
/// in [0, 1]. Subclasses add the input ranks they expect.
/// </summary>
public abstract class DropoutRuleBase : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("p", ParamType.Float, 0.5),
        ParameterSpec.Optional("inplace", ParamType.Bool, false));

    public override LayerSignature Signature => Constructor;

    protected sealed override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        var p = context.Float("p");
        if (p < 0 || p > 1)
        {
            var written = PyTorchText.Number(p, context.Args["p"]!.Kind == ArgKind.Int);
            return context.Invalid("p", $"has to be between 0 and 1, but got {written}") with
            {
                Notes = [PyTorchText.Construction($"ValueError: dropout probability has to be between 0 and 1, but got {written}")],
            };
        }

        return CheckRank(context, input, warnings);
    }

    /// <summary>The input-rank check of channel-wise dropout; none for element-wise dropout.</summary>
    protected virtual Diagnostic? CheckRank(LayerContext context, Shape input, List<Diagnostic> warnings) => null;
}
