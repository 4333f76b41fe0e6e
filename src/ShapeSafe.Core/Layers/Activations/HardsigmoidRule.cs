namespace ShapeSafe.Layers.Activations;

/// <summary>nn.Hardsigmoid: the hard sigmoid elementwise; any input shape, output of the same shape.</summary>
public sealed class HardsigmoidRule : ShapePreservingRule
{
    public override string Type => "Hardsigmoid";

    public override LayerSignature Signature => ActivationSignatures.Inplace;
}
