using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers;

/// <summary>
/// A missing argument after one positional size: only when that size went to the inferable parameter and the next
/// size is the one missing (Linear(128), Conv2d(16, kernel_size=3)) are the Lazy and keyword forms offered, and the
/// keyword form keeps the other arguments.
/// </summary>
public sealed class ArgumentBinderTests
{
    [Theory]
    [InlineData("Linear(128)", "SS0011", "LazyLinear(128)", "Linear(out_features=128)")]
    [InlineData("Linear(128, bias=False)", "SS0005", "LazyLinear(128, bias=False)", "Linear(out_features=128, bias=False)")]
    [InlineData("Conv2d(16, kernel_size=3)", "SS0005", "LazyConv2d(16, kernel_size=3)", "Conv2d(out_channels=16, kernel_size=3)")]
    [InlineData("ConvTranspose2d(16, kernel_size=2, stride=2)", "SS0005", "LazyConvTranspose2d(16, kernel_size=2, stride=2)", "ConvTranspose2d(out_channels=16, kernel_size=2, stride=2)")]
    public void OneSizeMeantForTheNextParameterGetsTheLazyAndKeywordForms(string call, string code, string lazy, string keyword)
    {
        var diagnostic = Assert.Single(RuleHarness.Check($"input Nx3x32x32\n{call}").Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal([lazy, keyword], diagnostic.Fixes.Select(f => Assert.Single(f.Edits).NewText));
        Assert.All(diagnostic.Fixes, f => Assert.Equal(Applicability.MaybeIncorrect, f.Applicability));
    }

    [Theory]
    [InlineData("Conv2d(3, 8)", "Conv2d() missing required argument 'kernel_size'; its arguments are (in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)")]
    [InlineData("ConvTranspose1d(4, 2)", "ConvTranspose1d() missing required argument 'kernel_size'; its arguments are (in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)")]
    public void AnArgumentMissingAfterTheOutputSizeIsPlainlyMissing(string call, string message)
    {
        var diagnostic = Assert.Single(RuleHarness.Check($"input Nx3x32x32\n{call}").Diagnostics);
        Assert.Equal("SS0005", diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
        Assert.Empty(diagnostic.Fixes);
    }

    [Fact]
    public void AConvolutionWithOnlyOneSizeReportsEachMissingArgumentOnce()
    {
        var diagnostics = RuleHarness.Check("input Nx3x32x32\nConv2d(16)").Diagnostics;
        Assert.Equal(["SS0005", "SS0005"], diagnostics.Select(d => d.Code));
        Assert.StartsWith("Conv2d() missing required argument 'out_channels': the first positional argument is in_channels", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, diagnostics[0].Fixes.Count);
        Assert.StartsWith("Conv2d() missing required argument 'kernel_size'; its arguments are", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Empty(diagnostics[1].Fixes);
    }
}
