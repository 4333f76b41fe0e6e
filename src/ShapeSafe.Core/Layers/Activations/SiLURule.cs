namespace ShapeSafe.Layers.Activations;

/// <summary>nn.SiLU: x * sigmoid(x) elementwise; any input shape, output of the same shape.</summary>
public sealed class SiLURule : ShapePreservingRule
{
    public override string Type => "SiLU";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
