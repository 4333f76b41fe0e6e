namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Tanh: tanh elementwise; any input shape, output of the same shape.</summary>
public sealed class TanhRule : ShapePreservingRule
{
    public override string Type => "Tanh";

    public override LayerSignature Signature => ActivationSignatures.Empty;
}
