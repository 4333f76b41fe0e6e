using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>first = MatMulLeaf(8, 6), then second = MatMulLeaf(5, 2), which cannot take 6 features.</summary>
public sealed class CustomLeafModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly MatMulLeaf first;
    private readonly MatMulLeaf second;
#pragma warning restore IDE1006

    public CustomLeafModel()
        : base(nameof(CustomLeafModel))
    {
        first = new MatMulLeaf(8, 6);
        second = new MatMulLeaf(5, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => second.call(first.call(x));
}
