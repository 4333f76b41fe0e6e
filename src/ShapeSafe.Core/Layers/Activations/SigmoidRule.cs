namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Sigmoid: the logistic sigmoid elementwise; any input shape, output of the same shape.</summary>
public sealed class SigmoidRule : ShapePreservingRule
{
    public override string Type => "Sigmoid";

    public override LayerSignature Signature => ActivationSignatures.Empty;
}
