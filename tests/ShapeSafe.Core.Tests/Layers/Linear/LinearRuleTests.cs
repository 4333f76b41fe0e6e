using ShapeSafe.Diagnostics;
using ShapeSafe.Tests.Layers;

namespace ShapeSafe.Tests.Layers.Linear;

public sealed class LinearRuleTests
{
    [Theory]
    [InlineData("Linear(8192, 128)", "1x8192", "1x128")]
    [InlineData("Linear(20, 30)", "128x20", "128x30")]
    [InlineData("Linear(20, 30)", "Nx5x20", "Nx5x30")]
    [InlineData("Linear(20, 30)", "2x3x4x20", "2x3x4x30")]
    [InlineData("Linear(20, 30)", "20", "30")]
    [InlineData("Linear(in_features=4, out_features=2, bias=False)", "3x4", "3x2")]
    [InlineData("Linear(4, 2, True, None, None)", "3x4", "3x2")]
    [InlineData("Linear(4, 2, device='cpu', dtype=None)", "3x4", "3x2")]
    [InlineData("LazyLinear(10)", "2x7", "2x10")]
    [InlineData("Linear(out_features=10)", "2x7", "2x10")]
    [InlineData("Linear(5, 3)", "NxF", "Nx3")]
    [InlineData("Linear(10, 0)", "2x10", "2x0")]
    [InlineData("Linear(32 * 8 * 8, 128)", "1x8192", "SS0100")]
    [InlineData("Linear(2048, 128)", "1x8192", "SS0100")]
    [InlineData("Linear(100, 10)", "Nx5x64", "SS0100")]
    [InlineData("LazyLinear(3)", "NxF", "SS0112")]
    [InlineData("Linear(-4, 3)", "2x4", "SS0007")]
    [InlineData("Linear(4, -3)", "2x4", "SS0007")]
    public void AppliesToTheLastDimension(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("Linear(20, 30)", "128x20", 630, 600)]
    [InlineData("Linear(20, 30, bias=False)", "128x20", 600, 600)]
    [InlineData("Linear(20, 30)", "2x5x20", 630, 3000)]
    [InlineData("Linear(20, 30)", "20", 630, 600)]
    [InlineData("LazyLinear(10)", "2x7", 80, 70)]
    [InlineData("Linear(2048, 128)", "1x8192", (8192 * 128) + 128, 8192 * 128)]
    public void CountsParametersAndMultiplyAdds(string line, string input, long parameters, long multiplyAdds)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Equal(parameters, outcome.Parameters);
        Assert.Equal(multiplyAdds, outcome.MultiplyAdds);
    }

    [Theory]
    [InlineData("LazyLinear(10)", "2x7", 7)]
    [InlineData("Linear(out_features=10)", "4x3x9", 9)]
    [InlineData("LazyLinear(out_features=10, bias=False)", "8192", 8192)]
    public void InfersAnOmittedInFeatures(string line, string input, long inFeatures)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(inFeatures, outcome.Inferred["in_features"]);
    }

    [Fact]
    public void WritesTheFixAsAProductWhenTheSizeWasWrittenAsOneAfterFlatten()
    {
        const string model = "input 1x32x16x16\nflatten = nn.Flatten()\nfc1 = nn.Linear(32 * 8 * 8, 128)";
        var result = RuleHarness.Check(model);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("SS0100", diagnostic.Code);
        Assert.Equal("fc1 expects 2048 input features but receives 8192", diagnostic.Message);
        Assert.Equal("2048", diagnostic.Expected!.Value);
        Assert.Equal("8192", diagnostic.Actual!.Value);
        Assert.Contains("PyTorch would fail at run time with: mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", diagnostic.Notes);

        var set = diagnostic.Fixes[0];
        Assert.Equal("set in_features to 32 * 16 * 16 (= 8192)", set.Description);
        Assert.Equal(Applicability.MachineApplicable, set.Applicability);
        var edit = Assert.Single(set.Edits);
        Assert.Equal("32 * 16 * 16", edit.NewText);
        Assert.Equal("32 * 8 * 8", Line(model, edit.Span.Line)[(edit.Span.Column - 1)..(edit.Span.EndColumn - 1)]);

        var lazy = diagnostic.Fixes[1];
        Assert.Equal("omit in_features so that it is inferred from the input (LazyLinear)", lazy.Description);
        Assert.Equal("LazyLinear(128)", Assert.Single(lazy.Edits).NewText);
    }

    [Theory]
    [InlineData("input 1x32x16x16\nFlatten(2)\nLinear(16 * 8, 10)", "16 * 16", "set in_features to 16 * 16 (= 256)")]
    [InlineData("input 1x32x16x16\nFlatten()\nDropout(0.5)\nLinear(32 * 8 * 8, 10)", "32 * 16 * 16", "set in_features to 32 * 16 * 16 (= 8192)")]
    [InlineData("input 1x32x16x16\nFlatten()\nLinear(2048, 10)", "8192", "set in_features to 8192")]
    [InlineData("input 1x8192\nLinear(32 * 8 * 8, 10)", "8192", "set in_features to 8192")]
    [InlineData("input 1x64\nLinear(64, 32)\nLinear(16 * 2, 10)\nLinear(8 * 8, 4)", "10", "set in_features to 10")]
    public void WritesTheFixInTheFormTheSizeWasWritten(string model, string newText, string description)
    {
        var diagnostic = RuleHarness.Check(model).Diagnostics.First(d => d.Code == "SS0100");
        Assert.Equal(description, diagnostic.Fixes[0].Description);
        Assert.Equal(newText, Assert.Single(diagnostic.Fixes[0].Edits).NewText);
    }

    [Theory]
    [InlineData("fc = nn.Linear(2048, 128)", "LazyLinear(128)")]
    [InlineData("fc = nn.Linear(2048, 128, bias=False)", "LazyLinear(128, bias=False)")]
    [InlineData("fc = nn.Linear(in_features=2048, out_features=128)", "LazyLinear(out_features=128)")]
    public void OffersTheLazyForm(string line, string lazy)
    {
        var failure = RuleHarness.Run(line, "1x8192").Failure!;
        var fix = Assert.Single(failure.Fixes, f => f.Description.StartsWith("omit", StringComparison.Ordinal));
        Assert.Equal(lazy, Assert.Single(fix.Edits).NewText);
    }

    [Theory]
    [InlineData("Linear(100, 10)", "Nx5x64", "(5*Nx64 and 100x10)")]
    [InlineData("Linear(100, 10)", "64", "(1x64 and 100x10)")]
    [InlineData("Linear(100, 10)", "2x3x4x64", "(24x64 and 100x10)")]
    public void QuotesPyTorchsMatrixMessageWithTheRowsOfAllLeadingDims(string line, string input, string shapes)
    {
        var failure = RuleHarness.Run(line, input).Failure!;
        Assert.Contains($"PyTorch would fail at run time with: mat1 and mat2 shapes cannot be multiplied {shapes}", failure.Notes);
    }

    [Fact]
    public void RecoversWithTheOutputTheFixedLayerWouldGive()
    {
        var outcome = RuleHarness.Run("Linear(2048, 128)", "4x8192");
        Assert.Equal("4x128", outcome.RecoveredOutput!.ToString());
    }

    [Fact]
    public void RejectsAZeroDimInput()
    {
        var outcome = DirectRun.On("Linear(1, 5)", DirectRun.Scalar);
        Assert.Equal("SS0107", outcome.Failure!.Code);
        Assert.Contains("PyTorch would fail at run time with: RuntimeError: both arguments to linear need to be at least 1D, but they are 0D and 2D", outcome.Failure.Notes);
        Assert.Equal("5", outcome.RecoveredOutput!.ToString());
    }

    private static string Line(string text, int line) => text.Split('\n')[line - 1];
}
