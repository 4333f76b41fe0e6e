using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>Calls fc with forward() instead of call(): it runs, but TorchSharp runs no hooks for it; dropout is never used.</summary>
public sealed class ForwardBypassModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Conv2d conv;
    private readonly Linear fc;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public ForwardBypassModel()
        : base(nameof(ForwardBypassModel))
    {
        conv = Conv2d(3, 4, kernel_size: 3, padding: 1);
        fc = Linear(4 * 8 * 8, 2);
        dropout = Dropout(0.25);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => fc.forward(conv.call(x).flatten(1));
}
