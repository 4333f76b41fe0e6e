namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Hardswish: the hard swish elementwise; any input shape, output of the same shape.</summary>
public sealed class HardswishRule : ShapePreservingRule
{
    public override string Type => "Hardswish";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
