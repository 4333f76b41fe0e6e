using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Docs;

/// <summary>
/// docs/diagnostics/: one page per code in <see cref="DiagnosticCatalog"/>, titled and indexed as the catalog says,
/// and every model example on the pages (and in docs/model-files.md) checked: an example with inline
/// expectations (<c># E: SS0100</c>) gets exactly those diagnostics, one without any checks clean.
/// </summary>
public sealed class DiagnosticDocsTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Docs, "diagnostics");

    public static TheoryData<string> Codes() => new(DiagnosticCatalog.All.Select(d => d.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void EachCodeHasAPageNamingItsCodeTitleAndSeverity(string code)
    {
        var descriptor = DiagnosticCatalog.All.Single(d => d.Code == code);
        var path = Path.Combine(RepoPaths.Root, descriptor.DocsPath);
        Assert.True(File.Exists(path), $"{descriptor.DocsPath} is missing");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        Assert.Equal($"# {code}: {descriptor.Title}", lines[0]);
        Assert.StartsWith($"Severity: {Word(descriptor.Severity)}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TheIndexListsEveryCodeWithItsTitleSeverityAndLink()
    {
        var index = File.ReadAllLines(Path.Combine(Folder, "README.md"));
        foreach (var d in DiagnosticCatalog.All)
        {
            Assert.Contains($"| [{d.Code}]({d.Code}.md) | {d.Title} | {Word(d.Severity)} |", index);
        }

        var rows = index.Count(l => l.StartsWith("| [SS", StringComparison.Ordinal));
        Assert.Equal(DiagnosticCatalog.All.Count, rows);
    }

    [Fact]
    public void NoPageExistsForACodeOutsideTheCatalog()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Folder, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page!, codes));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void ModelFilePagesShowTheCodeAndAFixedVersion(string code)
    {
        var blocks = MarkdownModelBlocks.Of(File.ReadAllText(Path.Combine(Folder, code + ".md")));
        if (!IsAboutModelFiles(code))
        {
            Assert.Empty(blocks);
            return;
        }

        Assert.Contains(blocks, b => InlineExpectations.Diagnostics(b).Any(e => e.EndsWith(" " + code, StringComparison.Ordinal)));
        Assert.Contains(blocks, b => InlineExpectations.Diagnostics(b).Count == 0);
        Assert.All(blocks, b => Assert.True(b.StartsWith("input ", StringComparison.Ordinal) || code == "SS0009",
            $"a {code} example must be a complete model file starting with its input line:\n{b}"));
    }

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        var pages = Directory.GetFiles(Folder, "SS*.md").Append(Path.Combine(RepoPaths.Docs, "model-files.md"));
        foreach (var page in pages.Order(StringComparer.Ordinal))
        {
            var count = MarkdownModelBlocks.Of(File.ReadAllText(page)).Count;
            for (var i = 0; i < count; i++)
            {
                data.Add(Path.GetRelativePath(RepoPaths.Docs, page), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EachExampleGetsExactlyTheDiagnosticsItsCommentsExpect(string page, int index)
    {
        var block = MarkdownModelBlocks.Of(File.ReadAllText(Path.Combine(RepoPaths.Docs, page)))[index];
        var result = ShapeChecker.Check(ModelFileParser.Parse($"{page}#{index}", block));
        var expected = InlineExpectations.Diagnostics(block);
        var actual = InlineExpectations.Actual(result);
        if (expected.Count == 0)
        {
            Assert.True(actual.Count == 0, $"example {index} of {page} should check clean but gets: {string.Join("; ", result.Diagnostics.Select(d => $"{d.Line}: {d.Code} {d.Message}"))}");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        if (InlineExpectations.Output(block) is { } output)
        {
            Assert.Equal(output, result.Output?.ToString());
        }
    }

    /// <summary>SS0113 (the data's class count) and SS02xx/SS03xx (data, training, traced modules) are not about model-file lines.</summary>
    private static bool IsAboutModelFiles(string code) => code != "SS0113" && string.CompareOrdinal(code, "SS0200") < 0;

    private static string Word(Severity severity) => severity.ToString().ToLowerInvariant();
}
