namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Mish: x * tanh(softplus(x)) elementwise; any input shape, output of the same shape.</summary>
public sealed class MishRule : ShapePreservingRule
{
    public override string Type => "Mish";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
