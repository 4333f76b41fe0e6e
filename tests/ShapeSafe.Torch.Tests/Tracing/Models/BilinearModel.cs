using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>A submodule taking two tensors (Bilinear(x, x)), then fc: the two-input call is recorded without shapes.</summary>
public sealed class BilinearModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Bilinear mix;
    private readonly Linear fc;
#pragma warning restore IDE1006

    public BilinearModel(long mixIn)
        : base(nameof(BilinearModel))
    {
        mix = Bilinear(mixIn, mixIn, 6);
        fc = Linear(6, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => fc.call(mix.call(x, x));
}
