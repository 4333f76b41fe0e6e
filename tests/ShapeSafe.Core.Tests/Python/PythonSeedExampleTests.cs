using ShapeSafe.Diagnostics;
using ShapeSafe.Python;

namespace ShapeSafe.Tests.Python;

/// <summary>
/// The seed write-up's three examples, as written: each builds fc1 for 32x8x8 (or 50) features while a 3x64x64 input
/// gives 32x16x16 = 8192; the error is at the fc1 call in forward, points at the constructor, and fixes in_features.
/// </summary>
public sealed class PythonSeedExampleTests
{
    private static readonly string Seed = Path.Combine(RepoPaths.Root, "tests", "corpus", "seed");

    [Theory]
    [InlineData("seed_example1_view.py", "CNNModel", 28, 14, "32 * 16 * 16")]
    [InlineData("seed_example2_flatten.py", "CNNModelFlatten", 21, 14, "32 * 16 * 16")]
    [InlineData("seed_example3_debug.py", "CNNModelDebug", 22, 11, "8192")]
    public void Fc1FailsInForwardWithTheFixAtTheConstructor(string file, string className, int errorLine, int constructorLine, string fixedText)
    {
        var result = PythonChecker.Check(file, File.ReadAllText(Path.Combine(Seed, file)));

        Assert.Equal(className, result.ClassName);
        Assert.Equal(ClassChoice.Instantiated, result.ClassChoice);
        Assert.Equal(InputSource.Usage, result.InputSource);
        Assert.Equal("1x3x64x64", Assert.Single(result.Inputs).ToString());
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("SS0100", error.Code);
        Assert.Equal(errorLine, error.Line);
        Assert.Contains("fc1", error.Message, StringComparison.Ordinal);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
        var constructor = error.Related[0];
        Assert.Equal(constructorLine, constructor.Span.Line);
        Assert.Contains("constructed here", constructor.Note, StringComparison.Ordinal);
        var fix = error.Fixes[0];
        Assert.Equal(Applicability.MachineApplicable, fix.Applicability);
        var edit = Assert.Single(fix.Edits);
        Assert.Equal(fixedText, edit.NewText);
        Assert.Equal(constructorLine, edit.Span.Line);
        Assert.Equal("1x10", result.OutputShape?.ToString());
    }

    [Fact]
    public void TheFixedFileChecksClean()
    {
        var file = Path.Combine(Seed, "seed_example1_view.py");
        var first = PythonChecker.Check(file, File.ReadAllText(file));
        var fixedLines = FixApplier.Apply(File.ReadAllLines(file), first.Diagnostics.Single(d => d.Severity == Severity.Error).Fixes[0].Edits);
        var second = PythonChecker.Check(file, string.Join("\n", fixedLines));
        Assert.DoesNotContain(second.Diagnostics, d => d.Severity != Severity.Info);
        Assert.Equal("1x10", second.OutputShape?.ToString());
    }
}
