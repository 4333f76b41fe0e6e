using System.Text.RegularExpressions;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Inference;

/// <summary>
/// Model files under tests/fixtures with inline expectations, mypy-style: a line ending in
/// <c># E: SS0100</c> (or <c># W: SS0116</c>) must get exactly that diagnostic, and no other line any.
/// A <c># E: SS0100 SS0101</c> expects both. <c># output: Nx10</c> on any line states the final shape.
/// </summary>
public sealed partial class FixtureTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Fixtures, "*.model").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DiagnosticsMatchTheInlineExpectations(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, name));
        var result = ShapeChecker.Check(ModelFileParser.Parse(name, text));
        var lines = text.Split('\n');
        var expected = new List<string>();
        string? output = null;
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Expectation().Matches(lines[i]))
            {
                var severity = m.Groups["kind"].Value == "E" ? "Error" : "Warning";
                expected.AddRange(m.Groups["codes"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => $"{i + 1}: {severity} {c}"));
            }

            if (OutputExpectation().Match(lines[i]) is { Success: true } o)
            {
                output = o.Groups["shape"].Value;
            }
        }

        var actual = result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        if (output is not null)
        {
            Assert.Equal(output, result.Output?.ToString());
        }
    }

    [GeneratedRegex(@"#\s*(?<kind>[EW]):\s*(?<codes>(SS\d{4}\s*)+)")]
    private static partial Regex Expectation();

    [GeneratedRegex(@"#\s*output:\s*(?<shape>\S+)")]
    private static partial Regex OutputExpectation();
}
