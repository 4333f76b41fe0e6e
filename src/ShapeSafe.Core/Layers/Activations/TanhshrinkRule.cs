namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Tanhshrink: x - tanh(x) elementwise; any input shape, output of the same shape.</summary>
public sealed class TanhshrinkRule : ShapePreservingRule
{
    public override string Type => "Tanhshrink";

    public override LayerSignature Signature => ActivationSignatures.Empty;
}
