namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Softplus(beta=1.0, threshold=20.0): any input shape, output of the same shape.</summary>
public sealed class SoftplusRule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("beta", ParamType.Float, 1.0),
        ParameterSpec.Optional("threshold", ParamType.Float, 20.0));

    public override string Type => "Softplus";

    public override LayerSignature Signature => Constructor;
}
