using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Inference;

/// <summary>The seed write-up's three models: the bug it is about is caught on the Linear line, with the 8192 fix.</summary>
public sealed class SeedExampleTests
{
    private static CheckResult CheckExample(string name) =>
        ShapeChecker.Check(ModelFileParser.Parse(name, File.ReadAllText(RepoPaths.Examples(name))));

    [Theory]
    [InlineData("seed_example1_view.model", 12, "32 * 8 * 8")]
    [InlineData("seed_example2_flatten.model", 11, "32*8*8")]
    public void ExamplesOneAndTwoReportOneErrorOnTheLinearLineWithThe8192Fix(string file, int line, string written)
    {
        var result = CheckExample(file);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCatalog.LinearInFeatures, error.Descriptor);
        Assert.Equal(line, error.Line);
        Assert.Equal("fc1", error.Layer!.Name);
        Assert.Equal("2048", error.Expected!.Value);
        Assert.Contains(written, error.Expected.Origin, StringComparison.Ordinal);
        Assert.Equal("8192", error.Actual!.Value);
        Assert.Contains("32x16x16 = 8192", error.Actual.Origin, StringComparison.Ordinal);

        var replace = error.Fixes[0];
        Assert.Equal(Applicability.MachineApplicable, replace.Applicability);
        var edit = Assert.Single(replace.Edits);
        Assert.Equal("32 * 16 * 16", edit.NewText);
        Assert.Equal(written, result.File.Lines[line - 1][(edit.Span.Column - 1)..(edit.Span.EndColumn - 1)]);

        Assert.Contains(error.Fixes, f => f.Edits.Any(e => e.NewText == "LazyLinear(128)"));
        Assert.Contains(error.Fixes, f => f.Edits.Any(e => e.InsertLineBefore && e.NewText == "nn.AdaptiveAvgPool2d((8, 8))"));
        Assert.Contains(error.Fixes, f => f.Edits.Any(e => e.NewText == "1x3x32x32"));
    }

    [Fact]
    public void ApplyingTheSafeFixMakesExampleOneClean()
    {
        var result = CheckExample("seed_example1_view.model");
        var fixedLines = FixApplier.Apply(result.File.Lines, FixApplier.SafeFixes(result.Diagnostics).SelectMany(f => f.Edits));
        var again = ShapeChecker.Check(ModelFileParser.Parse("fixed", string.Join("\n", fixedLines)));
        Assert.False(again.HasErrors);
        Assert.Equal("1x10", again.Output!.ToString());
    }

    [Fact]
    public void TheFixedModelIsCleanAndInfersEightThousandOneHundredNinetyTwo()
    {
        var result = CheckExample("seed_fixed.model");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Nx10", result.Output!.ToString());
        var fc1 = Assert.Single(result.Layers, l => l.Name == "fc1");
        Assert.Equal(8192, fc1.Outcome!.Inferred["in_features"]);
        Assert.Equal((8192 * 128) + 128 + (16 * 3 * 9) + 16 + (32 * 16 * 9) + 32 + (128 * 10) + 10, result.TotalParameters);
    }

    [Fact]
    public void ExampleThreesFiftyIsCaught()
    {
        var result = CheckExample("seed_example3_debug.model");
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("SS0100", error.Code);
        Assert.Equal("50", error.Expected!.Value);
        Assert.Equal("8192", error.Actual!.Value);
        Assert.Equal("8192", error.Fixes[0].Edits[0].NewText);
    }

    [Fact]
    public void AReusedLayerSharesItsParameters()
    {
        var result = RuleHarness.Check("input 1x8\nfc = nn.Linear(8, 8)\nfc");
        Assert.False(result.HasErrors);
        Assert.Equal(72, result.TotalParameters);
    }
}
