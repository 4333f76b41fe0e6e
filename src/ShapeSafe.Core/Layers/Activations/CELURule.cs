using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Activations;

/// <summary>nn.CELU(alpha=1.0, inplace=False): shape preserving; alpha must not be 0 (PyTorch divides by it).</summary>
public sealed class CELURule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("alpha", ParamType.Float, 1.0),
        ParameterSpec.Optional("inplace", ParamType.Bool, false));

    public override string Type => "CELU";

    public override LayerSignature Signature => Constructor;

    protected override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings) =>
        context.Float("alpha") == 0
            ? context.Invalid("alpha", "cannot be 0 for CELU") with { Notes = [PyTorchText.RunTime("ZeroDivisionError: alpha cannot be 0 for CELU")] }
            : null;
}
