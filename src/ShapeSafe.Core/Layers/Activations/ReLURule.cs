namespace ShapeSafe.Layers.Activations;

/// <summary>nn.ReLU: max(0, x) elementwise; any input shape, output of the same shape.</summary>
public sealed class ReLURule : ShapePreservingRule
{
    public override string Type => "ReLU";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
