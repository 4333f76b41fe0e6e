using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Pooling;

/// <summary>AvgPool1d/2d/3d: the pooling formula without dilation; count_include_pad and divisor_override change values only.</summary>
public sealed class AvgPoolNdRuleTests
{
    [Theory]
    [InlineData("AvgPool2d(2)", "1x3x7x7", "1x3x3x3")]
    [InlineData("AvgPool2d(3, stride=2, padding=1)", "1x3x8x8", "1x3x4x4")]
    [InlineData("AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)", "1x3x8x8", "1x3x5x5")]
    [InlineData("AvgPool2d((3, 2), stride=(2, 1))", "20x16x50x32", "20x16x24x31")]
    [InlineData("AvgPool2d(2, divisor_override=3)", "1x3x4x4", "1x3x2x2")]
    [InlineData("AvgPool2d(2)", "3x4x4", "3x2x2")]
    [InlineData("AvgPool1d(3, stride=2)", "1x1x7", "1x1x3")]
    [InlineData("AvgPool1d(2, stride=2, padding=1, ceil_mode=True)", "1x1x5", "1x1x3")] // the 4th window would start at 6 = in + pad: dropped
    [InlineData("AvgPool1d(2)", "4x9", "4x4")]
    [InlineData("AvgPool3d(3, stride=2)", "20x16x50x44x31", "20x16x24x21x15")]
    [InlineData("AvgPool3d((3, 2, 2), stride=(2, 1, 2))", "20x16x50x44x31", "20x16x24x43x15")]
    [InlineData("AvgPool3d(2, padding=1, divisor_override=None)", "1x3x4x4x4", "1x3x3x3x3")]
    public void OutputShapeFollowsAten(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
        Assert.Equal(0, outcome.Parameters);
    }

    [Theory]
    [InlineData("AvgPool2d(2)", "1x8192", "SS0107")]
    [InlineData("AvgPool1d(2)", "1x3x4x4", "SS0107")]
    [InlineData("AvgPool3d(2)", "3x4x4", "SS0107")]
    [InlineData("AvgPool2d(2)", "1x3x1x1", "SS0103")]
    [InlineData("AvgPool1d(4)", "1x3x3", "SS0103")]
    [InlineData("AvgPool2d(2, padding=2)", "1x3x5x5", "SS0104")]
    [InlineData("AvgPool1d(1, padding=1)", "1x3x5", "SS0104")]
    [InlineData("AvgPool3d(2, padding=(0, 0, 2))", "1x3x5x5x5", "SS0104")]
    [InlineData("AvgPool3d(2, padding=1)", "1x3x1x4x4", "SS0119")]
    [InlineData("AvgPool3d(3)", "1x3x2x8x8", "SS0119")]
    [InlineData("AvgPool3d(2)", "1x3x1x1x1", "SS0119")]
    [InlineData("AvgPool2d(2, divisor_override=0)", "1x3x4x4", "SS0007")]
    [InlineData("AvgPool2d(0)", "1x3x4x4", "SS0007")]
    [InlineData("AvgPool2d(2, stride=-1)", "1x3x4x4", "SS0007")]
    [InlineData("AvgPool2d(2, padding=-1)", "1x3x4x4", "SS0007")]
    public void FailsAsPyTorchDoes(string layer, string input, string code)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Output);
        Assert.Equal(code, outcome.Failure?.Code);
    }

    [Theory]
    [InlineData("AvgPool1d(2)", "1x3x1", "Given input size: (3x1x1). Calculated output size: (3x1x0). Output size is too small")]
    [InlineData("AvgPool2d(2)", "1x3x1x1", "Given input size: (3x1x1). Calculated output size: (3x0x0). Output size is too small")]
    [InlineData("AvgPool2d(2, padding=2)", "1x3x5x5", "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1")]
    [InlineData("AvgPool1d(2, padding=2)", "1x3x5", "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1")]
    [InlineData("AvgPool3d(2)", "1x3x1x1x1", "input image (T: 1 H: 1 W: 1) smaller than kernel size (kT: 2 kH: 2 kW: 2)")]
    [InlineData("AvgPool3d((3, 2, 4), ceil_mode=True, padding=(0, 0, 2))", "2x1x4x6x2", "input image (T: 4 H: 6 W: 2) smaller than kernel size (kT: 3 kH: 2 kW: 4)")]
    [InlineData("AvgPool2d(2, divisor_override=0)", "1x3x4x4", "divisor must be not zero")]
    public void NotesCarryPyTorchsText(string layer, string input, string pytorch) =>
        Assert.Contains("PyTorch raises: " + pytorch, RuleHarness.Run(layer, input).Failure!.Notes);

    [Fact]
    public void AvgPool3dInputSmallerThanKernelNamesBothSizes()
    {
        var failure = RuleHarness.Run("pool = nn.AvgPool3d(2, padding=1)", "1x3x1x4x4").Failure!;
        Assert.Equal(DiagnosticCatalog.PoolInputSmallerThanKernel, failure.Descriptor);
        Assert.Equal("pool: input 1x4x4 is smaller than kernel_size (2, 2, 2)", failure.Message);
        Assert.Equal("at least 2x2x2", failure.Expected?.Value);
    }

    [Theory]
    [InlineData("AvgPool2d(2, dilation=2)", "SS0003")]
    [InlineData("AvgPool1d(2, divisor_override=2)", "SS0003")]
    public void SignaturesAreAsInPyTorch(string layer, string code)
    {
        var result = RuleHarness.Check($"input 1x3x8x8\n{layer}");
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void WindowHasNoDilation()
    {
        var window = RuleHarness.Run("AvgPool1d(4)", "1x3x16").Window!;
        Assert.Equal([4L], window.Kernel);
        Assert.Equal([4.0], window.Stride);
        Assert.Equal([1L], window.Dilation);
    }

    [Fact]
    public void SymbolicSizesGiveSymbolicOutputs() =>
        Assert.Equal("Nx3x(H//2)x(W//2)", RuleHarness.Run("AvgPool2d(2)", "Nx3xHxW").Output?.ToString());
}
