using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Small hand-built models for trainer and checkpoint tests.</summary>
public static class TinyModels
{
    /// <summary>Conv(C→8) → BatchNorm → ReLU → MaxPool(2) → Flatten → Linear(8·H/2·W/2 → classes).</summary>
    public static nn.Module<Tensor, Tensor> Cnn(int channels, int height, int width, int classes) => nn.Sequential(
        ("conv", nn.Conv2d(channels, 8, 3, padding: 1)),
        ("bn", nn.BatchNorm2d(8)),
        ("relu", nn.ReLU()),
        ("pool", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(8 * (height / 2) * (width / 2), classes)));

    public const string CnnText = "# hand-built test model\ninput Nx3x16x16\nConv2d(3, 8, 3, padding=1)\nBatchNorm2d(8)\nReLU()\nMaxPool2d(2)\nFlatten()\nLinear(512, 3)\n";
}
