using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>
/// The silent form of the bug: x.view(-1, 2048) of a 1x32x16x16 tensor gives 4x2048, so fc1 = Linear(2048, 128)
/// runs, on 4 rows that are not samples. With a 60x60 input the view cannot be made at all (7200 elements).
/// </summary>
public sealed class FoldedBatchModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc1;
#pragma warning restore IDE1006

    public FoldedBatchModel()
        : base(nameof(FoldedBatchModel))
    {
        conv1 = Conv2d(3, 16, kernel_size: 3, padding: 1);
        conv2 = Conv2d(16, 32, kernel_size: 3, padding: 1);
        pool = MaxPool2d(2, 2);
        fc1 = Linear(32 * 8 * 8, 128);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = pool.call(functional.relu(conv1.call(x)));
        x = pool.call(functional.relu(conv2.call(x)));
        x = x.view(-1, 2048);
        return fc1.call(x);
    }
}
