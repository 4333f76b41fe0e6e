using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Commands.TraceFixtures;

/// <summary>The seed's model, fixed: fc1 takes 32*16*16 features. A parameterless constructor.</summary>
public sealed class FixedCnn : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Module<Tensor, Tensor> features;
    private readonly Module<Tensor, Tensor> classifier;
#pragma warning restore IDE1006

    public FixedCnn()
        : base(nameof(FixedCnn))
    {
        features = Sequential(Conv2d(3, 16, kernel_size: 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(16, 32, kernel_size: 3, padding: 1), ReLU(), MaxPool2d(2));
        classifier = Sequential(Flatten(), Linear(32 * 16 * 16, 128), ReLU(), Linear(128, 10));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => classifier.call(features.call(x));
}
