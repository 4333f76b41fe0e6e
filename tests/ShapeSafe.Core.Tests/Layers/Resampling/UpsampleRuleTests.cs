namespace ShapeSafe.Tests.Layers.Resampling;

public sealed class UpsampleRuleTests
{
    [Theory]
    [InlineData("Upsample(scale_factor=2)", "1x3x8x8", "1x3x16x16")]
    [InlineData("Upsample(scale_factor=2.0, mode='bilinear', align_corners=False)", "1x3x8x8", "1x3x16x16")]
    [InlineData("Upsample(size=(10, 12))", "1x3x8x8", "1x3x10x12")]
    [InlineData("Upsample(size=5, mode='linear')", "1x3x8", "1x3x5")]
    [InlineData("Upsample(None, 2, 'nearest')", "1x3x8", "1x3x16")]
    [InlineData("Upsample(scale_factor=1.5)", "1x3x5x5", "1x3x7x7")]
    [InlineData("Upsample(scale_factor=(2, 3))", "1x3x4x4", "1x3x8x12")]
    [InlineData("Upsample(scale_factor=0.5, mode='area')", "1x3x5x5", "1x3x2x2")]
    [InlineData("Upsample(scale_factor=2, mode='trilinear', align_corners=True)", "1x1x2x2x2", "1x1x4x4x4")]
    [InlineData("Upsample(scale_factor=2, mode='bicubic')", "1x3x4x4", "1x3x8x8")]
    [InlineData("Upsample(scale_factor=2, mode='nearest-exact')", "1x3x4", "1x3x8")]
    [InlineData("Upsample(scale_factor=2, recompute_scale_factor=True)", "1x3x4x4", "1x3x8x8")]
    [InlineData("Upsample(scale_factor=2)", "Nx3xHxW", "Nx3x(2*H)x(2*W)")]
    [InlineData("Upsample(scale_factor=1.5)", "Nx3xH", "Nx3x(floor(H*1.5))")]
    [InlineData("UpsamplingNearest2d(scale_factor=2)", "1x3x4x4", "1x3x8x8")]
    [InlineData("UpsamplingNearest2d(size=6)", "1x3x4", "1x3x6")]
    [InlineData("UpsamplingBilinear2d(size=(6, 6))", "1x3x4x4", "1x3x6x6")]
    [InlineData("Upsample(size=4, scale_factor=2)", "1x3x8x8", "SS0110")]
    [InlineData("Upsample()", "1x3x8x8", "SS0110")]
    [InlineData("Upsample(scale_factor=0)", "1x3x8x8", "SS0110")]
    [InlineData("Upsample(scale_factor=2, align_corners=True)", "1x3x8x8", "SS0110")]
    [InlineData("Upsample(size=(4, 4))", "1x3x8", "SS0110")]
    [InlineData("Upsample(scale_factor=(2, 2))", "1x3x8", "SS0110")]
    [InlineData("Upsample(size=4, recompute_scale_factor=True)", "1x3x8x8", "SS0110")]
    [InlineData("Upsample(scale_factor=2, mode='bilinear')", "1x3x8", "SS0107")]
    [InlineData("Upsample(scale_factor=2, mode='linear')", "1x3x8x8", "SS0107")]
    [InlineData("Upsample(scale_factor=2, mode='bicubic')", "1x3x8", "SS0107")]
    [InlineData("Upsample(scale_factor=2, mode='bogus')", "1x3x8x8", "SS0107")]
    [InlineData("Upsample(scale_factor=2)", "3x8", "SS0107")]
    [InlineData("UpsamplingBilinear2d(scale_factor=2)", "1x3x4", "SS0107")]
    [InlineData("Upsample(scale_factor=0.1)", "1x3x4x4", "SS0111")]
    public void ResizesTheSpatialDims(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("Upsample(size=4, scale_factor=2)", "1x3x8x8", "ValueError: only one of size or scale_factor should be defined")]
    [InlineData("Upsample()", "1x3x8x8", "ValueError: either size or scale_factor should be defined")]
    [InlineData("Upsample(scale_factor=2, align_corners=True)", "1x3x8x8",
        "ValueError: align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")]
    [InlineData("Upsample(scale_factor=2, mode='area', align_corners=False)", "1x3x8x8",
        "ValueError: align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear")]
    [InlineData("Upsample(size=(4, 4))", "1x3x8",
        "ValueError: Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of [8] and output size of (4, 4). "
        + "Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.")]
    [InlineData("Upsample(scale_factor=2, mode='bilinear')", "1x3x8", "NotImplementedError: Got 3D input, but bilinear mode needs 4D input")]
    [InlineData("Upsample(scale_factor=2, mode='linear')", "1x3x8x8", "NotImplementedError: Got 4D input, but linear mode needs 3D input")]
    [InlineData("Upsample(scale_factor=2, mode='trilinear')", "1x3x8x8", "NotImplementedError: Got 4D input, but trilinear mode needs 5D input")]
    [InlineData("Upsample(scale_factor=2, mode='bicubic')", "1x3x8",
        "NotImplementedError: Input Error: Only 3D, 4D and 5D input Tensors supported (got 3D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got bicubic)")]
    [InlineData("Upsample(scale_factor=2)", "3x8",
        "NotImplementedError: Input Error: Only 3D, 4D and 5D input Tensors supported (got 2D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got nearest)")]
    [InlineData("Upsample(scale_factor=0.1)", "1x3x4x4", "RuntimeError: Input and output sizes should be greater than 0, but got input (H: 4, W: 4) output (H: 0, W: 0)")]
    [InlineData("Upsample(scale_factor=0.1)", "1x3x4", "RuntimeError: Input and output sizes should be greater than 0, but got input (W: 4) and output (W: 0)")]
    public void QuotesPyTorch(string line, string input, string pytorch) =>
        Assert.Contains($"PyTorch would fail at run time with: {pytorch}", RuleHarness.Run(line, input).Failure!.Notes);

    [Theory]
    [InlineData("Upsample(scale_factor=2)", "1x3x8x8", 0.5)]
    [InlineData("Upsample(size=(16, 16))", "1x3x8x8", 0.5)]
    [InlineData("Upsample(scale_factor=0.5, mode='area')", "1x3x8x8", 2.0)]
    public void HasAOnePixelWindowWithStrideOneOverScale(string line, string input, double stride)
    {
        var window = RuleHarness.Run(line, input).Window!;
        Assert.Equal([1L, 1L], window.Kernel);
        Assert.Equal([1L, 1L], window.Dilation);
        Assert.Equal([stride, stride], window.Stride);
    }

    [Fact]
    public void StopsCheckingAfterAConfigurationPyTorchRejects() =>
        Assert.Null(RuleHarness.Run("Upsample()", "1x3x8x8").RecoveredOutput);
}
