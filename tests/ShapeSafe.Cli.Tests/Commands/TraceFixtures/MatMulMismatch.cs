using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Commands.TraceFixtures;

/// <summary>
/// A forward that multiplies the flattened features by a hand-made weight of the wrong height:
/// x.matmul(w) of [1 x 8192] and [2048 x 10]. TorchSharp's Tensor.matmul lets libtorch's error
/// abort the process, so only a child process can trace it.
/// </summary>
public sealed class MatMulMismatch : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule and parameter names.
    private readonly Module<Tensor, Tensor> features;
    private readonly Parameter weight;
#pragma warning restore IDE1006

    public MatMulMismatch()
        : base(nameof(MatMulMismatch))
    {
        features = Sequential(Conv2d(3, 32, kernel_size: 3, padding: 1), ReLU(), MaxPool2d(4), Flatten());
        weight = new Parameter(zeros(2048, 10));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => features.call(x).matmul(weight);
}
