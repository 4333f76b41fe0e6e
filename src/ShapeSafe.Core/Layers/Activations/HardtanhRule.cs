using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Activations;

/// <summary>
/// nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False, min_value=None, max_value=None): shape preserving;
/// the deprecated min_value/max_value override min_val/max_val, and max must exceed min (PyTorch asserts it).
/// </summary>
public sealed class HardtanhRule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("min_val", ParamType.Float, -1.0),
        ParameterSpec.Optional("max_val", ParamType.Float, 1.0),
        ParameterSpec.Optional("inplace", ParamType.Bool, false),
        ParameterSpec.OptionalNone("min_value", ParamType.OptionalFloat),
        ParameterSpec.OptionalNone("max_value", ParamType.OptionalFloat));

    public override string Type => "Hardtanh";

    public override LayerSignature Signature => Constructor;

    protected override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        var minName = context.IsNone("min_value") ? "min_val" : "min_value";
        var maxName = context.IsNone("max_value") ? "max_val" : "max_value";
        var min = context.Float(minName);
        var max = context.Float(maxName);
        if (max > min)
        {
            return null;
        }

        return context.Config(maxName, $"{maxName}={PyTorchText.Float(max)} must be greater than {minName}={PyTorchText.Float(min)}") with
        {
            Notes = [PyTorchText.Construction("AssertionError (Hardtanh asserts max_val > min_val)")],
        };
    }
}
