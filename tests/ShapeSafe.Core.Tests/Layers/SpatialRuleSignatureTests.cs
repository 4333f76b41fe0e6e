using ShapeSafe.Layers;

namespace ShapeSafe.Tests.Layers;

/// <summary>The convolution and pooling rules are registered under PyTorch's names with PyTorch's constructor signatures.</summary>
public sealed class SpatialRuleSignatureTests
{
    private const string Conv = "in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None";
    private const string ConvTranspose = "in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None";
    private const string MaxPool = "kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False";
    private const string AvgPool = "kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True";

    [Theory]
    [InlineData("Conv1d", Conv)]
    [InlineData("Conv2d", Conv)]
    [InlineData("Conv3d", Conv)]
    [InlineData("ConvTranspose1d", ConvTranspose)]
    [InlineData("ConvTranspose2d", ConvTranspose)]
    [InlineData("ConvTranspose3d", ConvTranspose)]
    [InlineData("LazyConv2d", "out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None")]
    [InlineData("LazyConvTranspose3d", "out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None")]
    [InlineData("MaxPool1d", MaxPool)]
    [InlineData("MaxPool2d", MaxPool)]
    [InlineData("MaxPool3d", MaxPool)]
    [InlineData("AvgPool1d", AvgPool)]
    [InlineData("AvgPool2d", AvgPool + ", divisor_override=None")]
    [InlineData("AvgPool3d", AvgPool + ", divisor_override=None")]
    [InlineData("AdaptiveAvgPool1d", "output_size")]
    [InlineData("AdaptiveAvgPool2d", "output_size")]
    [InlineData("AdaptiveAvgPool3d", "output_size")]
    [InlineData("AdaptiveMaxPool1d", "output_size, return_indices=False")]
    [InlineData("AdaptiveMaxPool2d", "output_size, return_indices=False")]
    [InlineData("AdaptiveMaxPool3d", "output_size, return_indices=False")]
    public void RegisteredWithPyTorchsSignature(string type, string signature)
    {
        Assert.True(LayerRegistry.Default.TryGet(type, out var entry));
        Assert.Equal(signature, entry.Signature.ToString());
    }

    [Theory]
    [InlineData("LazyConv1d", true)]
    [InlineData("LazyConv3d", true)]
    [InlineData("LazyConvTranspose1d", true)]
    [InlineData("LazyConvTranspose2d", true)]
    [InlineData("LazyMaxPool2d", false)]
    [InlineData("LazyAdaptiveAvgPool2d", false)]
    public void OnlyConvolutionsHaveLazyVariants(string type, bool registered) =>
        Assert.Equal(registered, LayerRegistry.Default.TryGet(type, out _));
}
