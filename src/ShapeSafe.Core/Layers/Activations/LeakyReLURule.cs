namespace ShapeSafe.Layers.Activations;

/// <summary>nn.LeakyReLU(negative_slope=0.01, inplace=False): any input shape, output of the same shape.</summary>
public sealed class LeakyReLURule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("negative_slope", ParamType.Float, 0.01),
        ParameterSpec.Optional("inplace", ParamType.Bool, false));

    public override string Type => "LeakyReLU";

    public override LayerSignature Signature => Constructor;
}
