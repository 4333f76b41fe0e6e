using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Pooling;

/// <summary>AdaptiveAvgPool/AdaptiveMaxPool 1d/2d/3d: the spatial output is output_size; None keeps the input size.</summary>
public sealed class AdaptivePoolNdRuleTests
{
    [Theory]
    [InlineData("AdaptiveAvgPool2d((5, 7))", "1x64x8x9", "1x64x5x7")]
    [InlineData("AdaptiveAvgPool2d(7)", "1x64x10x9", "1x64x7x7")]
    [InlineData("AdaptiveAvgPool2d((None, 7))", "1x64x10x9", "1x64x10x7")]
    [InlineData("AdaptiveAvgPool2d(1)", "8x512x7x7", "8x512x1x1")]
    [InlineData("AdaptiveAvgPool2d(10)", "1x3x4x4", "1x3x10x10")]
    [InlineData("AdaptiveAvgPool2d((0, 4))", "1x3x4x4", "1x3x0x4")]
    [InlineData("AdaptiveAvgPool2d(output_size=(2, 3))", "64x8x9", "64x2x3")]
    [InlineData("AdaptiveAvgPool1d(5)", "1x64x8", "1x64x5")]
    [InlineData("AdaptiveAvgPool1d((5,))", "64x8", "64x5")]
    [InlineData("AdaptiveAvgPool3d((5, 7, 9))", "1x64x8x9x10", "1x64x5x7x9")]
    [InlineData("AdaptiveAvgPool3d(7)", "1x64x10x9x8", "1x64x7x7x7")]
    [InlineData("AdaptiveAvgPool3d((7, None, None))", "1x64x10x9x8", "1x64x7x9x8")]
    [InlineData("AdaptiveMaxPool2d((5, 7))", "1x64x8x9", "1x64x5x7")]
    [InlineData("AdaptiveMaxPool2d((None, 7), return_indices=False)", "1x64x10x9", "1x64x10x7")]
    [InlineData("AdaptiveMaxPool2d(3)", "64x8x9", "64x3x3")]
    [InlineData("AdaptiveMaxPool1d(5)", "1x64x8", "1x64x5")]
    [InlineData("AdaptiveMaxPool3d((5, 7, 9))", "1x64x8x9x10", "1x64x5x7x9")]
    [InlineData("AdaptiveMaxPool3d((None, None, 2))", "4x5x6x7", "4x5x6x2")]
    [InlineData("AdaptiveAvgPool2d((None, 7))", "Nx3xHxW", "Nx3xHx7")]
    [InlineData("AdaptiveAvgPool2d(1)", "NxCxHxW", "NxCx1x1")]
    public void OutputIsTheRequestedSize(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
        Assert.Equal(0, outcome.Parameters);
    }

    [Theory]
    [InlineData("AdaptiveAvgPool2d(7)", "1x8192", "SS0107")]
    [InlineData("AdaptiveAvgPool1d(5)", "1x3x8x8", "SS0107")]
    [InlineData("AdaptiveMaxPool3d(2)", "3x8x8", "SS0107")]
    [InlineData("AdaptiveAvgPool2d((7, 7, 7))", "1x3x8x8", "SS0007")]
    [InlineData("AdaptiveAvgPool2d((7,))", "1x3x8x8", "SS0007")]
    [InlineData("AdaptiveAvgPool2d(None)", "1x3x8x8", "SS0007")]
    [InlineData("AdaptiveAvgPool2d(-1)", "1x3x8x8", "SS0007")]
    [InlineData("AdaptiveMaxPool2d((-1, 4))", "1x3x8x8", "SS0007")]
    [InlineData("AdaptiveAvgPool1d((3, 3))", "1x3x8", "SS0007")]
    [InlineData("AdaptiveMaxPool3d((2, 2))", "1x3x8x8x8", "SS0007")]
    public void FailsAsPyTorchDoes(string layer, string input, string code)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Output);
        Assert.Equal(code, outcome.Failure?.Code);
    }

    [Theory]
    [InlineData("AdaptiveAvgPool1d(None)", "SS0004")]
    [InlineData("AdaptiveAvgPool2d(7, return_indices=True)", "SS0003")]
    [InlineData("AdaptiveMaxPool2d()", "SS0005")]
    public void SignaturesAreAsInPyTorch(string layer, string code)
    {
        var result = RuleHarness.Check($"input 1x3x8x8\n{layer}");
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("AdaptiveMaxPool2d(2)", "1x3x8x8", "adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 8] with dimension 2 being empty")]
    [InlineData("AdaptiveAvgPool2d(2)", "3x8x8", "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [3, 0, 8] with dimension 1 being empty")]
    public void AZeroSizeSpatialDimensionFails(string layer, string input, string pytorch)
    {
        var result = RuleHarness.Check($"input {input}\nAdaptiveAvgPool2d((0, 8))\n{layer}");
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCatalog.EmptyInput, error.Descriptor);
        Assert.Contains("PyTorch raises: " + pytorch, error.Notes);
    }

    [Fact]
    public void AZeroSizeLengthFailsForTheOneDimensionalPoolAsItsTwoDimensionalKernelSaysIt()
    {
        var result = RuleHarness.Check("input 1x3x8\nAdaptiveAvgPool1d(0)\nAdaptiveAvgPool1d(2)");
        Assert.Contains("PyTorch raises: adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 1, 0] with dimension 3 being empty",
            Assert.Single(result.Diagnostics).Notes);
    }

    [Theory]
    [InlineData("AdaptiveAvgPool2d((2, 3))", "1x3x8x9", new long[] { 4, 3 }, new[] { 4.0, 3.0 })]
    [InlineData("AdaptiveAvgPool2d(3)", "1x3x5x5", new long[] { 2, 2 }, new[] { 1.0, 1.0 })]
    [InlineData("AdaptiveMaxPool1d(8)", "1x3x4", new long[] { 1 }, new[] { 0.5 })]
    public void WindowIsCeilAndFloorOfTheRatio(string layer, string input, long[] kernel, double[] stride)
    {
        var window = RuleHarness.Run(layer, input).Window!;
        Assert.Equal(kernel, window.Kernel);
        Assert.Equal(stride, window.Stride);
        Assert.All(window.Dilation, d => Assert.Equal(1, d));
    }

    [Theory]
    [InlineData("AdaptiveAvgPool2d((None, 7))", "Nx3xHx14")]
    [InlineData("AdaptiveAvgPool2d((0, 7))", "1x3x8x14")]
    public void WindowIsUnknownForSymbolicOrEmptySizes(string layer, string input) =>
        Assert.Null(RuleHarness.Run(layer, input).Window);
}
