using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>stem (ReLU) then block (a <see cref="ReshapingBlock"/>, whose forward code fails).</summary>
public sealed class OuterModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Module<Tensor, Tensor> stem;
    private readonly ReshapingBlock block;
#pragma warning restore IDE1006

    public OuterModel()
        : base(nameof(OuterModel))
    {
        stem = ReLU();
        block = new ReshapingBlock();
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => block.call(stem.call(x));
}
