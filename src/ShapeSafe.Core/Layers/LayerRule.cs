using ShapeSafe.Shapes;

namespace ShapeSafe.Layers;

/// <summary>
/// The shape rule of one PyTorch layer type: its constructor signature and a pure function from
/// the input shape to the output shape (or PyTorch's own failure, at the same layer PyTorch fails).
/// </summary>
public abstract class LayerRule
{
    /// <summary>PyTorch's class name, e.g. Conv2d.</summary>
    public abstract string Type { get; }

    public abstract LayerSignature Signature { get; }

    /// <summary>True for layers with a Lazy variant in PyTorch (LazyLinear, LazyConv2d, LazyBatchNorm2d, ...).</summary>
    public virtual bool HasLazyVariant => Signature.HasInferable;

    /// <summary>
    /// The Lazy variant's constructor: the signature without the inferable size. A rule overrides it where PyTorch's
    /// Lazy class has other defaults (LazyInstanceNorm*d: affine=True, track_running_stats=True).
    /// </summary>
    public virtual LayerSignature LazySignature => Signature.WithoutInferable();

    public abstract LayerOutcome Infer(LayerContext context, Shape input);
}
