using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing.Models;

/// <summary>
/// Nested containers: features = Sequential(block1 = Sequential(conv, bn, relu), pool, block2 = Sequential(conv, relu)),
/// classifier = Sequential(flatten, linear). The second block's conv expects <c>block2InChannels</c> channels
/// (16 is right; anything else is the conv channel mismatch inside a Sequential).
/// </summary>
public sealed class NestedSequentialModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are the submodule names.
    private readonly Sequential features;
    private readonly Sequential classifier;
#pragma warning restore IDE1006

    public NestedSequentialModel(long block2InChannels = 16)
        : base(nameof(NestedSequentialModel))
    {
        features = Sequential(
            ("block1", Sequential(("conv", Conv2d(3, 16, kernel_size: 3, padding: 1)), ("bn", BatchNorm2d(16)), ("relu", ReLU()))),
            ("pool", MaxPool2d(2)),
            ("block2", Sequential(("conv", Conv2d(block2InChannels, 32, kernel_size: 3, stride: 2, padding: 1)), ("relu", ReLU()))));
        classifier = Sequential(("flatten", Flatten()), ("linear", Linear(32 * 8 * 8, 10)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => classifier.call(features.call(x));
}
