using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>A custom container whose own forward code fails after its conv: x.view(-1, 7) of 4x8x8 = 256 elements.</summary>
public sealed class ReshapingBlock : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Conv2d conv;
#pragma warning restore IDE1006

    public ReshapingBlock()
        : base(nameof(ReshapingBlock))
    {
        conv = Conv2d(3, 4, kernel_size: 3, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => conv.call(x).view(-1, 7);
}
