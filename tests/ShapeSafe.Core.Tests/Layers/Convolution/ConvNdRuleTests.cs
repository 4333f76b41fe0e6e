using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Convolution;

/// <summary>Conv1d/2d/3d against the formulas of PyTorch's docs: out = floor((in + 2p - d(k-1) - 1) / s) + 1.</summary>
public sealed class ConvNdRuleTests
{
    [Theory]
    // Conv1d: the docs' example, padding, 'same' with dilation, unbatched
    [InlineData("Conv1d(16, 33, 3, stride=2)", "20x16x50", "20x33x24")]
    [InlineData("Conv1d(4, 8, 2, stride=3, padding=1)", "1x4x10", "1x8x4")]
    [InlineData("Conv1d(4, 8, 3, padding='same', dilation=2)", "1x4x10", "1x8x10")]
    [InlineData("Conv1d(4, 8, 5, padding=2)", "4x100", "8x100")]
    [InlineData("Conv1d(4, 8, (3,))", "2x4x10", "2x8x8")]
    // Conv2d: the classic CNN block, strides, tuples, dilation, 'same' (odd and even kernels), 'valid', groups
    [InlineData("Conv2d(3, 16, 3, padding=1)", "1x3x64x64", "1x16x64x64")]
    [InlineData("Conv2d(3, 16, 3)", "8x3x32x32", "8x16x30x30")]
    [InlineData("Conv2d(3, 16, 5, stride=2)", "1x3x32x32", "1x16x14x14")]
    [InlineData("Conv2d(3, 64, 7, stride=2, padding=3)", "1x3x224x224", "1x64x112x112")]
    [InlineData("Conv2d(3, 8, (3, 5), stride=(1, 2), padding=(1, 2))", "2x3x10x11", "2x8x10x6")]
    [InlineData("Conv2d(3, 8, 3, dilation=2)", "1x3x10x10", "1x8x6x6")]
    [InlineData("Conv2d(3, 8, 3, padding=1, dilation=2)", "1x3x4x4", "1x8x2x2")]
    [InlineData("Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))", "20x16x50x100", "20x33x26x100")]
    [InlineData("Conv2d(3, 8, 3, padding='same')", "1x3x7x9", "1x8x7x9")]
    [InlineData("Conv2d(3, 8, 4, padding='same')", "1x3x7x9", "1x8x7x9")]
    [InlineData("Conv2d(3, 8, (4, 2), padding='same', dilation=3)", "1x3x7x9", "1x8x7x9")]
    [InlineData("Conv2d(3, 8, 3, padding='valid')", "1x3x7x9", "1x8x5x7")]
    [InlineData("Conv2d(3, 8, 3)", "3x10x10", "8x8x8")]
    [InlineData("Conv2d(4, 8, 3, groups=2)", "1x4x6x6", "1x8x4x4")]
    [InlineData("Conv2d(4, 8, 3, groups=4, bias=False)", "1x4x6x6", "1x8x4x4")]
    [InlineData("Conv2d(in_channels=3, out_channels=16, kernel_size=3, stride=1, padding=0)", "1x3x8x8", "1x16x6x6")]
    [InlineData("nn.Conv2d(3, 16, 3, padding=1, device='cpu', dtype=None)", "1x3x8x8", "1x16x8x8")]
    // padding modes other than 'zeros' change values only (reflect: pad < size; circular: pad <= size)
    [InlineData("Conv2d(3, 8, 3, padding=2, padding_mode='reflect')", "1x3x5x5", "1x8x7x7")]
    [InlineData("Conv2d(3, 8, 3, padding=2, padding_mode='circular')", "1x3x2x2", "1x8x4x4")]
    [InlineData("Conv2d(3, 8, 3, padding=5, padding_mode='replicate')", "1x3x2x2", "1x8x10x10")]
    [InlineData("Conv2d(3, 8, 4, padding='same', padding_mode='reflect')", "1x3x3x3", "1x8x3x3")]
    // Conv3d: the docs' examples, unbatched
    [InlineData("Conv3d(16, 33, 3, stride=2)", "20x16x10x50x100", "20x33x4x24x49")]
    [InlineData("Conv3d(16, 33, (3, 5, 2), stride=(2, 1, 1), padding=(4, 2, 0))", "20x16x10x50x100", "20x33x8x50x99")]
    [InlineData("Conv3d(2, 4, 3, padding='same')", "2x5x6x7", "4x5x6x7")]
    [InlineData("Conv3d(2, 4, (1, 2, 3))", "1x2x4x4x4", "1x4x4x3x2")]
    public void OutputShapeFollowsTheFormula(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
    }

    // Parameters: out * in / groups * prod(k) (+ out). Multiply-adds per sample: output elements * in / groups * prod(k).
    [Theory]
    [InlineData("Conv2d(3, 16, 3, padding=1)", "1x3x64x64", 448, 1_769_472)]
    [InlineData("Conv2d(3, 16, 3, padding=1, bias=False)", "1x3x64x64", 432, 1_769_472)]
    [InlineData("Conv2d(4, 8, 3, groups=2, bias=False)", "1x4x6x6", 144, 2_304)]
    [InlineData("Conv2d(8, 8, 3, groups=8)", "1x8x6x6", 80, 1_152)]
    [InlineData("Conv1d(16, 33, 3, stride=2)", "20x16x50", 1_617, 38_016)]
    [InlineData("Conv3d(2, 4, (1, 2, 3))", "1x2x4x4x4", 52, 1_152)]
    [InlineData("Conv2d(3, 16, 3)", "3x10x10", 448, 27_648)]
    public void ParametersAndMultiplyAdds(string layer, string input, long parameters, long multiplyAdds)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Equal(parameters, outcome.Parameters);
        Assert.Equal(multiplyAdds, outcome.MultiplyAdds);
    }

    [Theory]
    [InlineData("LazyConv2d(16, 3)", "1x3x8x8", 3, "1x16x6x6", 448)]
    [InlineData("Conv2d(out_channels=16, kernel_size=3)", "1x3x8x8", 3, "1x16x6x6", 448)]
    [InlineData("LazyConv1d(8, 3)", "5x10", 5, "8x8", 128)]
    [InlineData("LazyConv3d(4, 1, groups=2)", "1x6x2x2x2", 6, "1x4x2x2x2", 16)]
    [InlineData("LazyConv2d(16, 3)", "Nx3x8x8", 3, "Nx16x6x6", 448)]
    public void OmittedInChannelsAreInferredFromTheInput(string layer, string input, long inChannels, string expected, long parameters)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
        Assert.Equal(inChannels, outcome.Inferred["in_channels"]);
        Assert.Equal(parameters, outcome.Parameters);
    }

    [Fact]
    public void WrittenInChannelsAreNotReportedAsInferred() =>
        Assert.Empty(RuleHarness.Run("Conv2d(3, 16, 3)", "1x3x8x8").Inferred);

    [Theory]
    [InlineData("Conv2d(3, 16, 3)", "1x8192", "SS0107")]
    [InlineData("Conv2d(3, 16, 3)", "1x3x4x5x6", "SS0107")]
    [InlineData("Conv1d(3, 16, 3)", "1x3x8x8", "SS0107")]
    [InlineData("Conv3d(3, 16, 3)", "3x8x8", "SS0107")]
    [InlineData("Conv2d(3, 16, 3)", "1x4x8x8", "SS0101")]
    [InlineData("Conv2d(4, 16, 3, groups=2)", "1x6x8x8", "SS0101")]
    [InlineData("Conv1d(4, 16, 3)", "3x8", "SS0101")]
    [InlineData("Conv2d(3, 16, 5)", "1x3x4x4", "SS0102")]
    [InlineData("Conv2d(3, 16, 3, dilation=2)", "1x3x4x4", "SS0102")]
    [InlineData("Conv3d(3, 16, (1, 1, 9), padding=(0, 0, 2))", "1x3x4x4x4", "SS0102")]
    [InlineData("Conv2d(3, 16, 3, padding='valid')", "1x3x2x8", "SS0102")]
    [InlineData("Conv2d(3, 16, 3, groups=2)", "1x3x8x8", "SS0105")]
    [InlineData("Conv2d(4, 15, 3, groups=2)", "1x4x8x8", "SS0105")]
    [InlineData("LazyConv2d(16, 3, groups=2)", "1x3x8x8", "SS0105")]
    [InlineData("Conv2d(4, 16, 3, groups=0)", "1x4x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, stride=2, padding='same')", "1x3x8x8", "SS0110")]
    [InlineData("Conv2d(3, 16, 3, stride=(1, 2), padding='same')", "1x3x8x8", "SS0110")]
    [InlineData("Conv2d(3, 16, 3, padding='full')", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, padding_mode='reflekt')", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, padding=-1)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, stride=0)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, stride=(1, -1))", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, dilation=0)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 0)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 0, 3)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(-3, 16, 3)", "1x3x8x8", "SS0007")]
    [InlineData("Conv2d(3, 16, (3, 3, 3))", "1x3x8x8", "SS0007")]
    [InlineData("Conv1d(3, 16, 3, padding=(1, 1))", "1x3x8", "SS0007")]
    [InlineData("Conv2d(3, 16, 3, padding=2, padding_mode='reflect')", "1x3x2x2", "SS0110")]
    [InlineData("Conv2d(3, 16, 3, padding=3, padding_mode='circular')", "1x3x2x2", "SS0110")]
    [InlineData("LazyConv2d(16, 3)", "NxCx8x8", "SS0112")]
    public void FailsAsPyTorchDoes(string layer, string input, string code)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Output);
        Assert.Equal(code, outcome.Failure?.Code);
    }

    [Fact]
    public void ChannelMismatchCarriesPyTorchsNumbersBothFixesAndTheRecoveredOutput()
    {
        var outcome = RuleHarness.Run("conv2 = nn.Conv2d(3, 16, 3)", "1x4x8x8");
        var failure = outcome.Failure!;
        Assert.Equal(DiagnosticCatalog.ChannelMismatch, failure.Descriptor);
        Assert.Equal("conv2 expects 3 input channels but receives 4", failure.Message);
        Assert.Equal("3", failure.Expected?.Value);
        Assert.Equal("4", failure.Actual?.Value);
        Assert.Contains("PyTorch raises: Given groups=1, weight of size [16, 3, 3, 3], expected input[1, 4, 8, 8] to have 3 channels, but got 4 channels instead", failure.Notes);
        Assert.Equal(["set in_channels to 4", "omit in_channels so that it is inferred from the input (LazyConv2d)"], failure.Fixes.Select(f => f.Description));
        Assert.Equal("LazyConv2d(16, 3)", failure.Fixes[1].Edits.Single().NewText);
        Assert.Equal("1x16x6x6", outcome.RecoveredOutput?.ToString());
    }

    [Theory]
    [InlineData("Conv2d(4, 16, 3, groups=2)", "6x8x8", "Given groups=2, weight of size [16, 2, 3, 3], expected input[1, 6, 8, 8] to have 4 channels, but got 6 channels instead", "16x6x6")]
    [InlineData("Conv1d(2, 4, 3, padding=1, padding_mode='replicate')", "2x3x5", "Given groups=1, weight of size [4, 2, 3], expected input[2, 3, 7] to have 2 channels, but got 3 channels instead", "2x4x5")]
    public void ChannelMismatchNoteShowsTheInputAsTheConvolutionSeesIt(string layer, string input, string pytorch, string recovered)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Contains("PyTorch raises: " + pytorch, outcome.Failure!.Notes);
        Assert.Equal(recovered, outcome.RecoveredOutput?.ToString());
    }

    [Fact]
    public void CheckingContinuesAfterAChannelMismatchWithTheRecoveredOutput()
    {
        var result = RuleHarness.Check("""
            input 1x3x32x32
            conv1 = nn.Conv2d(3, 16, 3, padding=1)
            conv2 = nn.Conv2d(32, 64, 3)
            pool = nn.MaxPool2d(2)
            """);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0101", error.Code);
        Assert.Equal(3, error.Line);
        Assert.Equal("1x64x15x15", result.Layers[2].AssumedOutput?.ToString());
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 5)", "1x3x4x4", "Conv2d: kernel size 5x5 is larger than the padded input size 4x4",
        "Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size")]
    [InlineData("Conv2d(3, 16, 3, dilation=2)", "1x3x4x4", "Conv2d: kernel size 5x5 is larger than the padded input size 4x4",
        "Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size")]
    [InlineData("Conv1d(2, 1, 5, stride=3, padding=1, dilation=3)", "2x2x9", "Conv1d: kernel size 13 is larger than the padded input size 11",
        "Calculated padded input size per channel: (11). Kernel size: (13). Kernel size can't be greater than actual input size")]
    [InlineData("Conv3d(2, 4, (2, 1, 3), stride=(3, 1, 1), padding=(2, 1, 0), dilation=(1, 3, 3), groups=2)", "2x2x1x4x6",
        "Conv3d: kernel size 2x1x7 is larger than the padded input size 5x6x6",
        "Calculated padded input size per channel: (5 x 6 x 6). Kernel size: (2 x 1 x 7). Kernel size can't be greater than actual input size")]
    public void KernelTooLargeShowsPyTorchsSizesAndStopsChecking(string layer, string input, string message, string pytorch)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Equal(message, outcome.Failure?.Message);
        Assert.Contains("PyTorch raises: " + pytorch, outcome.Failure!.Notes);
        Assert.Null(outcome.RecoveredOutput);
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3)", "1x8192", "Conv2d expects 3D (unbatched) or 4D (batched) input, but got input of size [1, 8192]",
        "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 8192]")]
    [InlineData("Conv1d(3, 16, 3)", "1x3x8x8", "Conv1d expects 2D (unbatched) or 3D (batched) input, but got input of size [1, 3, 8, 8]",
        "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 8, 8]")]
    public void WrongRankSaysWhatPyTorchSays(string layer, string input, string message, string pytorch)
    {
        var failure = RuleHarness.Run(layer, input).Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains("PyTorch raises: " + pytorch, failure.Notes);
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3, groups=2)", "conv: in_channels (3) must be divisible by groups=2", "PyTorch raises ValueError: in_channels must be divisible by groups")]
    [InlineData("Conv2d(4, 15, 3, groups=2)", "conv: out_channels (15) must be divisible by groups=2", "PyTorch raises ValueError: out_channels must be divisible by groups")]
    [InlineData("Conv2d(3, 16, 3, padding='full')", "Conv2d() argument 'padding' must be an int, a tuple of 2 ints, 'valid' or 'same', but got 'full'",
        "PyTorch raises ValueError: Invalid padding string 'full', should be one of {'valid', 'same'}")]
    [InlineData("Conv2d(3, 16, 3, stride=2, padding='same')", "conv: padding='same' is not supported for strided convolutions",
        "stride is (2, 2); use stride=1 with padding='same', or give the padding as a number")]
    [InlineData("Conv2d(3, 16, 3, padding_mode='reflekt')", "Conv2d() argument 'padding_mode' must be one of 'zeros', 'reflect', 'replicate' or 'circular', but got 'reflekt'; did you mean 'reflect'?",
        "PyTorch raises ValueError: padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='reflekt'")]
    [InlineData("Conv2d(3, 16, 3, padding=-1)", "Conv2d() argument 'padding' must not be negative, but got (-1, -1)", "PyTorch raises: negative padding is not supported")]
    [InlineData("Conv2d(3, 16, 3, stride=0)", "Conv2d() argument 'stride' must be greater than zero, but got (0, 0)", "PyTorch raises: non-positive stride is not supported")]
    [InlineData("Conv2d(3, 16, 3, dilation=(0, 1))", "Conv2d() argument 'dilation' must be greater than zero, but got (0, 1)", "PyTorch raises: dilation should be greater than zero, but got [0, 1]")]
    public void ConfigurationErrorsGiveTheirMessageAndPyTorchsText(string layer, string message, string note)
    {
        var failure = RuleHarness.Run("conv = nn." + layer, "1x4x8x8").Failure!;
        Assert.Equal(message, failure.Message);
        Assert.Contains(note, failure.Notes);
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3, padding=2, padding_mode='reflect')", "1x3x2x2",
        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (2, 2) at dimension 3 of input [1, 3, 2, 2]")]
    [InlineData("Conv2d(3, 16, (1, 3), padding=(0, 2), padding_mode='reflect')", "3x4x2",
        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (2, 2) at dimension 2 of input [3, 4, 2]")]
    [InlineData("Conv1d(3, 6, 5, padding=2, padding_mode='reflect')", "3x2",
        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (2, 2) at dimension 1 of input [3, 2]")]
    [InlineData("Conv2d(3, 16, 3, padding=3, padding_mode='circular')", "1x3x2x2", "Padding value causes wrapping around more than once.")]
    public void PaddingModesCheckTheInputAsFPadDoes(string layer, string input, string pytorch)
    {
        var failure = RuleHarness.Run(layer, input).Failure!;
        Assert.Equal(DiagnosticCatalog.InvalidLayerConfig, failure.Descriptor);
        Assert.Contains("PyTorch raises: " + pytorch, failure.Notes);
    }

    [Fact]
    public void AZeroSizeSpatialDimensionFailsAsPyTorchDoes()
    {
        var result = RuleHarness.Check("""
            input 1x3x8x8
            AdaptiveAvgPool2d((0, 8))
            Conv2d(3, 8, 1, padding=1)
            """);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCatalog.EmptyInput, error.Descriptor);
        Assert.Equal(3, error.Line);
        Assert.Equal("Conv2d cannot take input of size [1, 3, 0, 8]: dimension 2 is empty", error.Message);
        Assert.Contains("PyTorch raises: Only zero batch or zero channel inputs are supported, but got input shape: [1, 3, 0, 8]", error.Notes);
    }

    [Theory]
    [InlineData("Conv2d(3, 16, 3, padding=1)", "Nx3xHxW", "Nx16xHxW")]
    [InlineData("Conv2d(3, 16, 3)", "Nx3xHxW", "Nx16x(H-2)x(W-2)")]
    [InlineData("Conv2d(3, 16, 3, stride=2, padding=1)", "Nx3xHx32", "Nx16x((H+1)//2)x16")]
    [InlineData("Conv2d(3, 16, 4, padding='same')", "Nx3xHxW", "Nx16xHxW")]
    [InlineData("Conv1d(3, 16, 5, stride=2)", "3xL", "16x((L-3)//2)")]
    [InlineData("Conv2d(3, 16, 3)", "NxCx32x32", "Nx16x30x30")]
    public void SymbolicSizesGiveSymbolicOutputs(string layer, string input, string expected)
    {
        var outcome = RuleHarness.Run(layer, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(expected, outcome.Output?.ToString());
    }

    [Fact]
    public void InChannelsCannotBeInferredFromASymbolicChannelDimension()
    {
        var outcome = RuleHarness.Run("LazyConv2d(16, 3)", "NxCx32x32");
        Assert.Equal(DiagnosticCatalog.SymbolicShape, outcome.Failure?.Descriptor);
        Assert.Equal("LazyConv2d: cannot infer in_channels because the input dimension C is symbolic; give the input size", outcome.Failure?.Message);
        Assert.Equal("Nx16x30x30", outcome.RecoveredOutput?.ToString());
    }

    [Theory]
    [InlineData("Conv2d(3, 16, (3, 5), stride=(1, 2), dilation=(2, 1))", "1x3x32x32", new long[] { 3, 5 }, new[] { 1.0, 2.0 }, new long[] { 2, 1 })]
    [InlineData("Conv1d(3, 16, 7, stride=4)", "1x3x64", new long[] { 7 }, new[] { 4.0 }, new long[] { 1 })]
    [InlineData("Conv3d(3, 16, 3, padding=1)", "1x3x8x8x8", new long[] { 3, 3, 3 }, new[] { 1.0, 1.0, 1.0 }, new long[] { 1, 1, 1 })]
    public void WindowIsTheKernelStrideAndDilation(string layer, string input, long[] kernel, double[] stride, long[] dilation)
    {
        var window = RuleHarness.Run(layer, input).Window!;
        Assert.Equal(kernel, window.Kernel);
        Assert.Equal(stride, window.Stride);
        Assert.Equal(dilation, window.Dilation);
    }
}
