namespace ShapeSafe.Layers.Activations;

/// <summary>nn.ELU(alpha=1.0, inplace=False): any input shape, output of the same shape.</summary>
public sealed class ELURule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("alpha", ParamType.Float, 1.0),
        ParameterSpec.Optional("inplace", ParamType.Bool, false));

    public override string Type => "ELU";

    public override LayerSignature Signature => Constructor;
}
