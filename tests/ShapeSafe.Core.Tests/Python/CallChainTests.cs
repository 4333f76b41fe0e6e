using ShapeSafe.Diagnostics;
using ShapeSafe.Python;

namespace ShapeSafe.Tests.Python;

/// <summary>An error inside a nested module points at each call that led to it, outermost first, one location per place.</summary>
public sealed class CallChainTests
{
    [Fact]
    public void AnErrorInABlockOfASequentialNamesTheChainAtTheCallThatRanIt()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "corpus", "python", "resnet18_cifar_broken.py");
        var result = PythonChecker.Check(path, File.ReadAllText(path));

        var first = result.Diagnostics.First(d => d.Severity == Severity.Error);
        Assert.Equal("SS0400", first.Code);
        Assert.Equal(26, first.Line);
        var chain = Assert.Single(first.Related);
        Assert.Equal("layer2 → layer2.0 called here", chain.Note);
        Assert.Equal(56, chain.Span.Line);
        Assert.Null(first.RawMessage);
        Assert.Single(first.Notes, n => n.StartsWith("PyTorch would fail at run time with: The size of tensor a (16)", StringComparison.Ordinal));
    }
}
