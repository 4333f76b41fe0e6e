using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>The seed's CNNModelDebug (Example 3): fc1 = Linear(50, 128), flattened with x.view(x.size(0), -1).</summary>
public sealed class CNNModelDebug : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names, as in the seed.
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    public CNNModelDebug()
        : base(nameof(CNNModelDebug))
    {
        conv1 = Conv2d(3, 16, kernel_size: 3, padding: 1);
        conv2 = Conv2d(16, 32, kernel_size: 3, padding: 1);
        pool = MaxPool2d(2, 2);
        fc1 = Linear(50, 128);
        fc2 = Linear(128, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = pool.call(functional.relu(conv1.call(x)));
        x = pool.call(functional.relu(conv2.call(x)));
        x = x.view(x.size(0), -1);
        x = functional.relu(fc1.call(x));
        return fc2.call(x);
    }
}
