namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Softsign: x / (1 + |x|) elementwise; any input shape, output of the same shape.</summary>
public sealed class SoftsignRule : ShapePreservingRule
{
    public override string Type => "Softsign";

    public override LayerSignature Signature => ActivationSignatures.Empty;
}
