using ShapeSafe.Python;

namespace ShapeSafe.Tests.Docs;

/// <summary>
/// Every <c>```python</c> example of docs/diagnostics/ is checked as a Python model file: it gets exactly the diagnostics
/// its inline expectations name (<c># E:</c>, <c># W:</c>, <c># I:</c> for notes), and none where it names none; and each
/// Python-source page (SS043x-SS044x) shows its own code.
/// </summary>
public sealed class PythonDocsTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Docs, "diagnostics");

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in Directory.GetFiles(Folder, "SS*.md").Order(StringComparer.Ordinal))
        {
            var count = MarkdownPythonBlocks.Of(File.ReadAllText(page)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(Path.GetFileName(page), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EachPythonExampleGetsExactlyItsInlineExpectations(string page, int index)
    {
        var block = MarkdownPythonBlocks.Of(File.ReadAllText(Path.Combine(Folder, page)))[index];
        var result = PythonChecker.Check(page, block);
        var actual = result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code}").ToList();
        var expected = InlineExpectations.Diagnostics(block);
        Assert.True(expected.SequenceEqual(actual),
            $"{page} example {index}: expected [{string.Join(", ", expected)}], got\n{string.Join("\n", result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code} {d.Message}"))}");
    }

    [Theory]
    [InlineData("SS0430")]
    [InlineData("SS0431")]
    [InlineData("SS0432")]
    [InlineData("SS0433")]
    [InlineData("SS0434")]
    [InlineData("SS0435")]
    [InlineData("SS0436")]
    [InlineData("SS0437")]
    [InlineData("SS0439")]
    [InlineData("SS0440")]
    [InlineData("SS0441")]
    [InlineData("SS0442")]
    [InlineData("SS0443")]
    [InlineData("SS0444")]
    [InlineData("SS0445")]
    public void PythonSourcePagesShowTheirCodeAndAFixedVersion(string code)
    {
        var blocks = MarkdownPythonBlocks.Of(File.ReadAllText(Path.Combine(Folder, code + ".md")));
        Assert.Contains(blocks, b => InlineExpectations.Diagnostics(b).Any(e => e.EndsWith(" " + code, StringComparison.Ordinal)));
        Assert.Contains(blocks, b => InlineExpectations.Diagnostics(b).Count == 0);
    }
}
