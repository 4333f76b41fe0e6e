using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Pooling;

/// <summary>
/// MaxPool1d/2d/3d against ATen's pooling_output_shape: floor((in + 2p - d(k-1) - 1) / s) + 1, in ceil mode rounded up
/// unless the last window would start at or after in + p; stride defaults to kernel_size.
/// </summary>
public sealed class MaxPoolNdRuleTests
{
    [Theory]
    [InlineData("MaxPool2d(2)", "1x16x32x32", "1x16x16x16")]
    [InlineData("MaxPool2d(2, stride=None)", "1x3x6x6", "1x3x3x3")]
    [InlineData("MaxPool2d(2, 2)", "1x16x31x31", "1x16x15x15")]
    [InlineData("MaxPool2d(2, 2, ceil_mode=True)", "1x16x31x31", "1x16x16x16")]
    [InlineData("MaxPool2d(3, stride=2, padding=1)", "1x64x112x112", "1x64x56x56")]
    [InlineData("MaxPool2d(3, stride=2, return_indices=False, ceil_mode=True)", "1x3x8x8", "1x3x4x4")]
    [InlineData("MaxPool2d((3, 2), stride=(2, 1))", "1x4x9x9", "1x4x4x8")]
    [InlineData("MaxPool2d(3, stride=1, padding=1, dilation=2)", "1x4x9x9", "1x4x7x7")]
    [InlineData("MaxPool2d(2, ceil_mode=True)", "1x3x1x1", "1x3x1x1")]
    [InlineData("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1)", "1x3x10x10", "1x3x5x5")]
    [InlineData("MaxPool2d(2)", "16x32x32", "16x16x16")]
    [InlineData("MaxPool1d(3, stride=2)", "20x16x50", "20x16x24")]
    [InlineData("MaxPool1d(2, stride=2, ceil_mode=True)", "1x1x5", "1x1x3")]
    [InlineData("MaxPool1d(1, stride=2, ceil_mode=True)", "1x1x6", "1x1x3")] // the 4th window would start at 6 = in + pad: dropped
    [InlineData("MaxPool1d(2, stride=3, padding=1, ceil_mode=True)", "1x1x5", "1x1x2")] // the 3rd window would start at 6 = in + pad: dropped
    [InlineData("MaxPool1d(2)", "4x9", "4x4")]
    [InlineData("MaxPool3d(2)", "1x4x8x8x8", "1x4x4x4x4")]
    [InlineData("MaxPool3d((3, 2, 2), stride=(2, 1, 2))", "20x16x50x44x31", "20x16x24x43x15")]
    [InlineData("MaxPool3d(3, stride=2, padding=1, ceil_mode=True)", "2x5x5x5", "2x3x3x3")]
    public void OutputShapeFollowsAten(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
        Assert.Equal(0, outcome.Parameters);
        Assert.Equal(0, outcome.MultiplyAdds);
    }

    [Theory]
    [InlineData("MaxPool2d(2)", "1x8192", "SS0107")]
    [InlineData("MaxPool1d(2)", "1x3x8x8", "SS0107")]
    [InlineData("MaxPool3d(2)", "8x8", "SS0107")]
    [InlineData("MaxPool2d(2)", "1x3x1x1", "SS0103")]
    [InlineData("MaxPool1d(3, stride=1, ceil_mode=True)", "1x3x2", "SS0103")]
    [InlineData("MaxPool3d(2)", "1x3x1x1x1", "SS0103")]
    [InlineData("MaxPool2d(3, dilation=3)", "1x3x6x6", "SS0103")]
    [InlineData("MaxPool2d(3, padding=2)", "1x3x8x8", "SS0104")]
    [InlineData("MaxPool2d(3, padding=2, dilation=2)", "1x3x8x8", "SS0104")]
    [InlineData("MaxPool2d(1, padding=1, dilation=3)", "1x3x8x8", "SS0104")]
    [InlineData("MaxPool2d((3, 1), padding=(1, 1))", "1x3x8x8", "SS0104")]
    [InlineData("MaxPool1d(3, padding=2, dilation=2)", "1x3x8", "SS0104")]
    [InlineData("MaxPool3d(3, padding=2, dilation=2)", "1x3x8x8x8", "SS0104")]
    [InlineData("MaxPool2d(0)", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool2d(2, stride=0)", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool2d(2, padding=-1)", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool2d(2, dilation=0)", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool2d((2, 2, 2))", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool2d(2, stride=(None, 2))", "1x3x8x8", "SS0007")]
    [InlineData("MaxPool1d((2, 2))", "1x3x8", "SS0007")]
    public void FailsAsPyTorchDoes(string layer, string input, string code)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Output);
        Assert.Equal(code, outcome.Failure?.Code);
        Assert.Null(outcome.RecoveredOutput);
    }

    [Theory]
    [InlineData("MaxPool2d(2)", "1x3x1x1", "MaxPool2d: input 1x1 is too small; the computed output size 0x0 is too small",
        "Given input size: (3x1x1). Calculated output size: (3x0x0). Output size is too small")]
    [InlineData("MaxPool1d(2)", "1x3x1", "MaxPool1d: input 1 is too small; the computed output size 0 is too small",
        "max_pool1d() Invalid computed output size: 0")]
    [InlineData("MaxPool3d(2)", "1x3x1x1x1", "MaxPool3d: input 1x1x1 is too small; the computed output size 0x0x0 is too small",
        "Given input size: (3x1x1x1). Calculated output size: (3x0x0x0). Output size is too small")]
    [InlineData("MaxPool2d(3, padding=2, dilation=2)", "1x1x5x5", "MaxPool2d: pad should be at most half of effective kernel size, but got pad=(2, 2), kernel_size=(3, 3)",
        "pad should be smaller than or equal to half of kernel size, but got padW = 2, padH = 2, kW = 3, kH = 3")]
    [InlineData("MaxPool2d(1, padding=1, dilation=3)", "1x1x5x5", "MaxPool2d: pad should be at most half of effective kernel size, but got pad=(1, 1), kernel_size=(1, 1)",
        "pad should be at most half of effective kernel size, but got pad=1, kernel_size=1 and dilation=3")]
    [InlineData("MaxPool2d((4, 1), stride=(3, 2), padding=(2, 2), dilation=(3, 2), ceil_mode=True)", "2x1x9x11",
        "MaxPool2d: pad should be at most half of effective kernel size, but got pad=(2, 2), kernel_size=(4, 1)",
        "pad should be at most half of effective kernel size, but got pad=2, kernel_size=1 and dilation=2")]
    [InlineData("MaxPool1d(3, padding=2, dilation=2)", "1x1x5", "MaxPool1d: pad should be at most half of effective kernel size, but got pad=2, kernel_size=3",
        "max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3")]
    [InlineData("MaxPool3d(3, padding=2, dilation=2)", "1x1x5x5x5", "MaxPool3d: pad should be at most half of effective kernel size, but got pad=(2, 2, 2), kernel_size=(3, 3, 3)",
        "pad should be smaller than or equal to half of kernel size, but got kT: 3 kW: 3 kH: 3 padT: 2 padW: 2 padH: 2")]
    public void MessagesCarryPyTorchsText(string layer, string input, string message, string pytorch)
    {
        var failure = RuleHarness.Run(layer, input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains("PyTorch raises: " + pytorch, failure.Notes);
    }

    [Fact]
    public void OutputTooSmallSaysTheSmallestInputThatWorks()
    {
        var failure = RuleHarness.Run("MaxPool2d(3, padding=1, dilation=2)", "1x3x2x8").Failure!;
        Assert.Equal(DiagnosticCatalog.PoolOutputTooSmall, failure.Descriptor);
        Assert.Equal("at least 3x3", failure.Expected?.Value);
        Assert.Equal("2x8", failure.Actual?.Value);
    }

    [Fact]
    public void AZeroSizeDimensionFails()
    {
        var result = RuleHarness.Check("""
            input 1x3x8x8
            AdaptiveAvgPool2d((8, 0))
            MaxPool2d(1)
            """);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCatalog.EmptyInput, error.Descriptor);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("MaxPool2d(2)", "Nx3xHxW", "Nx3x(H//2)x(W//2)")]
    [InlineData("MaxPool2d(2, ceil_mode=True)", "Nx3xHx5", "Nx3x((H+1)//2)x3")]
    [InlineData("MaxPool2d(3, stride=1, padding=1)", "Nx3xHxW", "Nx3xHxW")]
    [InlineData("MaxPool1d(3, stride=2)", "CxL", "Cx((L-1)//2)")]
    public void SymbolicSizesGiveSymbolicOutputs(string layer, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Run(layer, input).Output?.ToString());

    [Theory]
    [InlineData("MaxPool2d(2)", new long[] { 2, 2 }, new[] { 2.0, 2.0 }, new long[] { 1, 1 })]
    [InlineData("MaxPool2d(3, stride=(1, 2), padding=1, dilation=2)", new long[] { 3, 3 }, new[] { 1.0, 2.0 }, new long[] { 2, 2 })]
    public void WindowIsTheKernelStrideAndDilation(string layer, long[] kernel, double[] stride, long[] dilation)
    {
        var window = RuleHarness.Run(layer, "1x3x32x32").Window!;
        Assert.Equal(kernel, window.Kernel);
        Assert.Equal(stride, window.Stride);
        Assert.Equal(dilation, window.Dilation);
    }
}
