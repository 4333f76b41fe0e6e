using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Small hand-built models for trainer and checkpoint tests.</summary>
public static class TinyModels
{
    /// <summary>Conv(C→12) → BatchNorm → ReLU → MaxPool(2) → Conv(12→16) → ReLU → MaxPool(2) → Flatten → Linear(16·H/4·W/4 → classes).</summary>
    public static nn.Module<Tensor, Tensor> Cnn(int channels, int height, int width, int classes) => nn.Sequential(
        ("conv1", nn.Conv2d(channels, 12, 3, padding: 1)),
        ("bn", nn.BatchNorm2d(12)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(12, 16, 3, padding: 1)),
        ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(16 * (height / 4) * (width / 4), classes)));

    public const string CnnText = "# hand-built test model\ninput Nx3x16x16\nConv2d(3, 12, 3, padding=1)\nBatchNorm2d(12)\nReLU()\nMaxPool2d(2)\nConv2d(12, 16, 3, padding=1)\nReLU()\nMaxPool2d(2)\nFlatten()\nLinear(256, 3)\n";
}
