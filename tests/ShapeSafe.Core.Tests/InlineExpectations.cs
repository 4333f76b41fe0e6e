using System.Text.RegularExpressions;
using ShapeSafe.Inference;

namespace ShapeSafe.Tests;

/// <summary>
/// Inline expectations in model files, mypy-style: a line ending in <c># E: SS0100</c> (or <c># W: SS0116</c>)
/// must get exactly that diagnostic, and no other line any; <c># E: SS0100 SS0101</c> expects both; <c># I: SS0430</c>
/// expects a note (the Python examples, whose notes are expected too).
/// <c># output: Nx10</c> on any line states the final shape. Used by the fixture files and the model
/// examples in docs/.
/// </summary>
public static partial class InlineExpectations
{
    /// <summary>The expected diagnostics, each as "LINE: Severity CODE", in line order.</summary>
    public static IReadOnlyList<string> Diagnostics(string text)
    {
        var lines = text.Split('\n');
        var expected = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Expectation().Matches(lines[i]))
            {
                var severity = m.Groups["kind"].Value switch
                {
                    "E" => "Error",
                    "W" => "Warning",
                    _ => "Info",
                };
                expected.AddRange(m.Groups["codes"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => $"{i + 1}: {severity} {c}"));
            }
        }

        return expected;
    }

    /// <summary>The final shape a <c># output: SHAPE</c> comment states, or null.</summary>
    public static string? Output(string text) =>
        text.Split('\n').Select(l => OutputExpectation().Match(l)).LastOrDefault(m => m.Success)?.Groups["shape"].Value;

    /// <summary>A check's diagnostics in the same "LINE: Severity CODE" form.</summary>
    public static IReadOnlyList<string> Actual(CheckResult result) =>
        result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code}").ToList();

    [GeneratedRegex(@"#\s*(?<kind>[EWI]):\s*(?<codes>(SS\d{4}\s*)+)")]
    private static partial Regex Expectation();

    [GeneratedRegex(@"#\s*output:\s*(?<shape>\S+)")]
    private static partial Regex OutputExpectation();
}
