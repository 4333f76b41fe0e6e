namespace ShapeSafe.Layers.Activations;

/// <summary>nn.ReLU6: min(max(0, x), 6) elementwise; any input shape, output of the same shape.</summary>
public sealed class ReLU6Rule : ShapePreservingRule
{
    public override string Type => "ReLU6";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
