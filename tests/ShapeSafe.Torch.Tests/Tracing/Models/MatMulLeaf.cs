using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>A custom leaf module (no submodules) with a weight of [in, out], applied as x @ weight (for 2D x): ShapeSafe has no rule for it.</summary>
public sealed class MatMulLeaf : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the parameter names.
    private readonly Parameter weight;
#pragma warning restore IDE1006

    public MatMulLeaf(long inFeatures, long outFeatures)
        : base(nameof(MatMulLeaf))
    {
        weight = new Parameter(randn(inFeatures, outFeatures));
        RegisterComponents();
    }

    // mm, not matmul: TorchSharp 0.107 does not catch libtorch errors in Tensor.matmul, so a shape error there ends the process.
    public override Tensor forward(Tensor x) => x.mm(weight);
}
