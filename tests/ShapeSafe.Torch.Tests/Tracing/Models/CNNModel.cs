using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>
/// The seed's CNNModel (Example 1) as a hand-written TorchSharp module: fc1 = Linear(32*8*8, 128), but
/// two 2x2 poolings of a 64x64 input leave 32x16x16 = 8192 features. The flatten is x.view(-1, num_features).
/// Field names are the module paths RegisterComponents gives, as in the Python original.
/// </summary>
public sealed class CNNModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names (conv1, pool, fc1), as in the seed.
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly MaxPool2d pool;
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    public CNNModel(long fc1InFeatures = 32 * 8 * 8)
        : base(nameof(CNNModel))
    {
        conv1 = Conv2d(3, 16, kernel_size: 3, padding: 1);
        conv2 = Conv2d(16, 32, kernel_size: 3, padding: 1);
        pool = MaxPool2d(2, 2);
        fc1 = Linear(fc1InFeatures, 128);
        fc2 = Linear(128, 10);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = pool.call(functional.relu(conv1.call(x)));
        x = pool.call(functional.relu(conv2.call(x)));
        var numFeatures = x.view(x.size(0), -1).shape[1];
        x = x.view(-1, numFeatures);
        x = functional.relu(fc1.call(x));
        return fc2.call(x);
    }
}
