using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Activations;

/// <summary>
/// Softmax, LogSoftmax and Softmin (dim=None): shape preserving along <c>dim</c>, which must be in range.
/// Without a dim, PyTorch's legacy rule picks 0 for 0-, 1- and 3-dimensional inputs and 1 otherwise,
/// and warns that the implicit choice is deprecated.
/// </summary>
public abstract class SoftmaxRuleBase : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(ParameterSpec.OptionalNone("dim", ParamType.OptionalInt));

    public override LayerSignature Signature => Constructor;

    /// <summary>The function name PyTorch uses in its warning: softmax, log_softmax, softmin.</summary>
    protected abstract string FunctionName { get; }

    /// <summary>PyTorch's _get_softmax_dim: the dim used when none is given.</summary>
    public static int ImplicitDim(int rank) => rank is 0 or 1 or 3 ? 0 : 1;

    protected override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        if (context.IsNone("dim"))
        {
            var chosen = ImplicitDim(input.Rank);
            var call = context.Call;
            var span = new SourceSpan(call.Line, call.TypeSpan.Column, call.CallSpan.EndColumn);
            warnings.Add(context.Error(DiagnosticCatalog.ImplicitDim, context.SpanOf("dim"), context.Name, chosen, input.Rank) with
            {
                Notes = [PyTorchText.Warns($"Implicit dimension choice for {FunctionName} has been deprecated. Change the call to include dim=X as an argument.")],
                Fixes = [new Fix($"write dim={chosen}, the dim PyTorch picks now", Applicability.MachineApplicable, [TextEdit.Replace(span, $"{call.Type}(dim={chosen})")])],
            });
            return null;
        }

        var dim = context.Int("dim");
        return DimIndex.TryWrap(dim, input.Rank, out _) ? null : DimIndex.OutOfRange(context, "dim", dim, input.Rank);
    }
}
