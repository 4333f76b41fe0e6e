namespace ShapeSafe.Layers.Activations;

/// <summary>nn.SELU: the scaled exponential linear unit elementwise; any input shape, output of the same shape.</summary>
public sealed class SELURule : ShapePreservingRule
{
    public override string Type => "SELU";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
