using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Convolution;

/// <summary>ConvTranspose1d/2d/3d against PyTorch's docs: out = (in - 1) * s - 2p + d(k - 1) + output_padding + 1.</summary>
public sealed class ConvTransposeNdRuleTests
{
    [Theory]
    [InlineData("ConvTranspose2d(16, 33, 3, stride=2)", "20x16x50x100", "20x33x101x201")]
    [InlineData("ConvTranspose2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2))", "20x16x50x100", "20x33x93x100")]
    [InlineData("ConvTranspose2d(16, 16, 3, stride=2, padding=1)", "1x16x6x6", "1x16x11x11")]
    [InlineData("ConvTranspose2d(16, 16, 3, stride=2, padding=1, output_padding=1)", "1x16x6x6", "1x16x12x12")]
    [InlineData("ConvTranspose2d(16, 8, 2, stride=2)", "1x16x4x4", "1x8x8x8")]
    [InlineData("ConvTranspose2d(2, 4, 3, output_padding=1, dilation=2)", "1x2x5x5", "1x4x10x10")]
    [InlineData("ConvTranspose2d(4, 8, (2, 3), stride=(2, 3), output_padding=(1, 2), groups=2, bias=False)", "1x4x3x3", "1x8x7x11")]
    [InlineData("ConvTranspose2d(16, 8, 4, stride=2, padding=1)", "16x7x7", "8x14x14")]
    [InlineData("ConvTranspose1d(4, 2, 3, stride=2, dilation=2, output_padding=1)", "1x4x5", "1x2x14")]
    [InlineData("ConvTranspose1d(4, 6, 3, groups=2)", "4x5", "6x7")]
    [InlineData("ConvTranspose3d(2, 4, 2, stride=2)", "2x3x4x5", "4x6x8x10")]
    [InlineData("ConvTranspose3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(0, 4, 2))", "20x16x10x50x100", "20x33x21x46x97")]
    public void OutputShapeFollowsTheFormula(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
    }

    // Weight [in, out / groups, *k] (+ bias out); multiply-adds per sample: input elements * out / groups * prod(k).
    [Theory]
    [InlineData("ConvTranspose2d(16, 8, 2, stride=2)", "1x16x4x4", 520, 8_192)]
    [InlineData("ConvTranspose1d(4, 6, 3, groups=2, bias=False)", "1x4x5", 36, 180)]
    [InlineData("ConvTranspose3d(2, 4, 2, stride=2)", "2x3x4x5", 68, 3_840)]
    public void ParametersAndMultiplyAdds(string layer, string input, long parameters, long multiplyAdds)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Equal(parameters, outcome.Parameters);
        Assert.Equal(multiplyAdds, outcome.MultiplyAdds);
    }

    [Fact]
    public void LazyConvTransposeInfersInChannels()
    {
        var outcome = RuleHarness.Run("LazyConvTranspose2d(8, 2, stride=2)", "1x4x5x5");
        Assert.Equal("1x8x10x10", outcome.Output?.ToString());
        Assert.Equal(4, outcome.Inferred["in_channels"]);
        Assert.Equal(136, outcome.Parameters);
    }

    [Theory]
    [InlineData("ConvTranspose2d(4, 8, 3)", "1x3x8x8", "SS0101")]
    [InlineData("ConvTranspose2d(3, 8, 3)", "1x8192", "SS0107")]
    [InlineData("ConvTranspose1d(3, 8, 3)", "1x3x8x8", "SS0107")]
    [InlineData("ConvTranspose2d(3, 8, 3, output_padding=1)", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, 3, stride=2, output_padding=2)", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, 3, stride=(2, 1), output_padding=(1, 1))", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, 3, output_padding=-1)", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, 3, padding=3)", "1x3x1x1", "SS0111")]
    [InlineData("ConvTranspose1d(1, 1, 3, padding=3)", "2x1x3", "SS0111")]
    [InlineData("ConvTranspose2d(3, 8, 3, padding_mode='reflect')", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, 3, groups=2)", "1x3x8x8", "SS0105")]
    [InlineData("ConvTranspose2d(4, 6, 3, groups=4)", "1x4x8x8", "SS0105")]
    [InlineData("ConvTranspose2d(3, 8, 3, stride=0)", "1x3x8x8", "SS0007")]
    [InlineData("ConvTranspose2d(3, 8, (3, 3, 3))", "1x3x8x8", "SS0007")]
    public void FailsAsPyTorchDoes(string layer, string input, string code)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Output);
        Assert.Equal(code, outcome.Failure?.Code);
    }

    [Fact]
    public void ChannelMismatchQuotesTheTransposedWeight()
    {
        var outcome = RuleHarness.Run("ConvTranspose2d(4, 8, 3)", "1x3x8x8");
        Assert.Equal(DiagnosticCatalog.ChannelMismatch, outcome.Failure?.Descriptor);
        Assert.Contains("PyTorch raises: Given transposed=1, weight of size [4, 8, 3, 3], expected input[1, 3, 8, 8] to have 4 channels, but got 3 channels instead", outcome.Failure!.Notes);
        Assert.Equal("1x8x10x10", outcome.RecoveredOutput?.ToString());
    }

    [Theory]
    [InlineData("ConvTranspose2d(3, 8, 3, output_padding=1)", "1x3x8x8",
        "output padding must be smaller than either stride or dilation, but got output_padding_height: 1 output_padding_width: 1 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1")]
    [InlineData("ConvTranspose1d(3, 8, 3, output_padding=2)", "1x3x8",
        "output padding must be smaller than either stride or dilation, but got output_padding_height: 0 output_padding_width: 2 stride_height: 1 stride_width: 1 dilation_height: 1 dilation_width: 1")]
    [InlineData("ConvTranspose3d(3, 8, 3, output_padding=1)", "1x3x8x8x8",
        "output padding must be smaller than either stride or dilation, but got output_padding_depth: 1 output_padding_height: 1 output_padding_width: 1 stride_depth: 1 stride_height: 1 stride_width: 1 dilation_depth: 1 dilation_height: 1 dilation_width: 1")]
    public void OutputPaddingErrorQuotesAten(string layer, string input, string pytorch)
    {
        var failure = RuleHarness.Run(layer, input).Failure!;
        Assert.Equal("output_padding", failure.Message.Split('\'')[1]);
        Assert.Contains("PyTorch raises: " + pytorch, failure.Notes);
    }

    [Fact]
    public void OnlyZerosPaddingModeIsSupported()
    {
        var failure = RuleHarness.Run("LazyConvTranspose2d(8, 3, padding_mode='circular')", "1x3x8x8").Failure!;
        Assert.Equal("LazyConvTranspose2d() argument 'padding_mode' must be 'zeros' for LazyConvTranspose2d, but got 'circular'", failure.Message);
        Assert.Contains("PyTorch raises ValueError: Only \"zeros\" padding mode is supported for LazyConvTranspose2d", failure.Notes);
    }

    [Fact]
    public void NonPositiveOutputSizeIsReported()
    {
        var failure = RuleHarness.Run("ConvTranspose2d(3, 8, 3, padding=3)", "1x3x1x5").Failure!;
        Assert.Equal(DiagnosticCatalog.OutputSizeInvalid, failure.Descriptor);
        Assert.StartsWith("ConvTranspose2d: the output size (-3 x 1) is not positive", failure.Message);
    }

    [Fact]
    public void PaddingIsAnIntOrTupleNotAString()
    {
        var result = RuleHarness.Check("""
            input 1x3x8x8
            ConvTranspose2d(3, 8, 3, padding='same')
            """);
        Assert.Equal("SS0004", Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("ConvTranspose2d(3, 8, 2, stride=2)", "Nx3xHxW", "Nx8x(2*H)x(2*W)")]
    [InlineData("ConvTranspose2d(3, 8, 3, stride=2, padding=1)", "Nx3xHx4", "Nx8x(2*H-1)x7")]
    [InlineData("ConvTranspose2d(3, 8, 3, stride=2, padding=1, output_padding=1)", "Nx3xHxW", "Nx8x(2*H)x(2*W)")]
    [InlineData("ConvTranspose1d(3, 8, 3)", "3xL", "8x(L+2)")]
    public void SymbolicSizesGiveSymbolicOutputs(string layer, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Run(layer, input).Output?.ToString());

    [Fact]
    public void WindowStepIsOneOverTheStride()
    {
        var window = RuleHarness.Run("ConvTranspose2d(3, 8, 4, stride=(2, 4))", "1x3x8x8").Window!;
        Assert.Equal([4L, 4L], window.Kernel);
        Assert.Equal([0.5, 0.25], window.Stride);
        Assert.Equal([1L, 1L], window.Dilation);
    }
}
