using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Activations;

/// <summary>nn.GELU(approximate='none'): shape preserving; approximate is 'none' or 'tanh'.</summary>
public sealed class GELURule : ShapePreservingRule
{
    private static readonly string[] Approximations = ["none", "tanh"];

    private static readonly LayerSignature Constructor = new(ParameterSpec.Optional("approximate", ParamType.String, "none"));

    public override string Type => "GELU";

    public override LayerSignature Signature => Constructor;

    protected override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        var approximate = context.String("approximate")!;
        if (Approximations.Contains(approximate, StringComparer.Ordinal))
        {
            return null;
        }

        var near = Suggest.Closest(approximate, Approximations);
        return context.Invalid("approximate", $"must be 'none' or 'tanh', but got '{approximate}'") with
        {
            Notes = [PyTorchText.RunTime("approximate argument must be either none or tanh.")],
            Fixes = near is null ? [] : [new Fix($"use approximate='{near}'", Applicability.MaybeIncorrect, [TextEdit.Replace(context.SpanOf("approximate"), $"'{near}'")])],
        };
    }
}
