namespace ShapeSafe.Layers.Reshape;

/// <summary>nn.Identity(*args, **kwargs): returns its input; any arguments are accepted and ignored, as in PyTorch.</summary>
public sealed class IdentityRule : ShapePreservingRule
{
    public override string Type => "Identity";

    public override LayerSignature Signature => LayerSignature.AnyArguments;
}
