using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Diagnostics;

/// <summary>Diagnostics keep typed arguments and render their message from the catalog; nothing parses a message back.</summary>
public sealed class DiagnosticTests
{
    private const string Seed = """
        input 1x3x64x64
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        pool
        flatten = nn.Flatten()
        fc1 = nn.Linear(32 * 8 * 8, 128)
        """;

    [Fact]
    public void ASizeMismatchKeepsItsNumbersAndTheArgumentItCameFrom()
    {
        var result = ShapeChecker.Check(ModelFileParser.Parse("seed.model", Seed));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(["fc1", 2048L, 8192L], d.Arguments);
        Assert.Equal("fc1 expects 2048 input features but receives 8192", d.Message);
        Assert.Equal(2048L, d.Expected!.Number);
        Assert.Equal(8192L, d.Actual!.Number);
        Assert.Equal(new ArgumentSource("in_features", "32 * 8 * 8", 7, IsDefault: false), d.Expected.Argument);
    }

    [Fact]
    public void TheMessageFollowsTheArgumentsAndAnotherCatalogTemplate()
    {
        var d = Diagnostic.Create(DiagnosticCatalog.LinearInFeatures, SourceSpan.None, "fc", 10L, 20L);
        Assert.Equal("fc expects 10 input features but receives 20", d.Message);
        Assert.Equal("fc expects 10 input features but receives 30", (d with { Arguments = ["fc", 10L, 30L] }).Message);
        var templated = d with
        {
            MessageFormat = DiagnosticCatalog.TracedRuleMessage,
            Arguments = ["fc = Linear(10, 5)", new MessagePart("expects {0} features", [10L]), MessagePart.Empty],
        };
        Assert.Equal("`fc = Linear(10, 5)` expects 10 features", templated.Message);
        Assert.Equal("SS0100", templated.Code);
    }
}
