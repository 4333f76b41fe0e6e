using ShapeSafe.Torch.Native;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// The reference side of the differential test against PyTorch 1.13 itself: each stack's final shape, or the layer
/// where it fails, as real PyTorch 1.13 gave it (eval mode, no grad), so the reference is checked without the engine.
/// </summary>
public sealed class TorchReferenceTests
{
    [Theory]
    [InlineData("input 2x3x9x9|nn.Conv2d(3, 4, 3, stride=2, padding=1)|nn.AdaptiveMaxPool2d((None, 2))|nn.Flatten()|nn.LazyLinear(5)", "2x5")]
    [InlineData("input 1x2x5x6x7|nn.AdaptiveMaxPool3d((2, 3, 4))", "1x2x2x3x4")]
    [InlineData("input 1x2x5x6x7|nn.AdaptiveMaxPool3d((4, None, 3))|nn.LogSoftmax()", "1x2x4x6x3")]
    [InlineData("input 2x4x7|nn.ConvTranspose1d(4, 2, 3, stride=2, output_padding=1)|nn.Upsample(scale_factor=1.5, mode='linear')", "2x2x24")]
    [InlineData("input 2x6x5|nn.Dropout1d()|nn.ReflectionPad1d((2, 1))|pool = nn.MaxPool1d(2, ceil_mode=True)|pool", "2x6x2")]
    [InlineData("input 1x3x4x4|nn.Conv2d(3, 6, 3, padding='same', stride=2)", "fails at 1")]
    [InlineData("input 1x3x4x4|nn.InstanceNorm2d(3)|nn.AdaptiveAvgPool2d(1)|nn.InstanceNorm2d(3)", "fails at 3")]
    [InlineData("input 1x3x1x1|nn.BatchNorm2d(3)|nn.GroupNorm(3, 3)", "fails at 2")]
    [InlineData("input 2x6x5x5|nn.Dropout1d()", "fails at 1")]
    [InlineData("input 2x6x5x5|nn.Upsample(size=(3, 4, 5))", "fails at 1")]
    [InlineData("input 2x3x4|nn.Upsample(scale_factor=2, mode='bilinear')", "fails at 1")]
    public void TheReferenceGivesWhatPyTorchGives(string stack, string expected)
    {
        NativeRuntime.RequireCpu();

        var run = TorchReference.Execute(stack.Replace('|', '\n') + "\n");

        var actual = run.FailedAt is { } at ? $"fails at {at + 1}" : string.Join("x", run.Outputs[^1]);
        Assert.True(expected == actual, $"expected {expected}, the reference gives {actual} ({run.Failure})");
    }
}
