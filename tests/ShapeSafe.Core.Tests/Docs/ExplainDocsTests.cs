using ShapeSafe.Explain;

namespace ShapeSafe.Tests.Docs;

/// <summary>docs/explain.md lists every message kind <c>explain</c> recognizes, each as a row of its Kinds table, and no other.</summary>
public sealed class ExplainDocsTests
{
    [Fact]
    public void TheKindsTableListsEveryRecognizedKindOnce()
    {
        var rows = File.ReadAllLines(Path.Combine(RepoPaths.Docs, "explain.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToArray();

        Assert.Equal(MessageExplainer.Kinds.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }
}
