using System.Text.Json;
using ShapeSafe.Diagnostics;
using ShapeSafe.Python;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Python;

/// <summary>
/// The acceptance test: every file of tests/corpus with the result real PyTorch 1.13 gave (groundtruth.json). A file
/// PyTorch runs must check clean with the exact output shape; a file PyTorch fails on must get an error on the line
/// PyTorch raised at; an unsupported_* file must get no error.
/// </summary>
public sealed class CorpusConformanceTests
{
    private static readonly string Corpus = Path.Combine(RepoPaths.Root, "tests", "corpus");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries())
        {
            data.Add(entry.GetProperty("file").GetString()!);
        }

        return data;
    }

    private static IEnumerable<JsonElement> Entries()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "groundtruth.json")));
        foreach (var entry in doc.RootElement.GetProperty("files").EnumerateArray())
        {
            yield return entry.Clone();
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesPyTorch(string file)
    {
        var entry = Entries().Single(e => e.GetProperty("file").GetString() == file);
        var inputs = entry.GetProperty("inputs").EnumerateArray()
            .Select(i => new Shape(i.EnumerateArray().Select(d => Dim.Known(d.GetInt64())))).ToList();
        var text = File.ReadAllText(Path.Combine(Corpus, file));
        var result = PythonChecker.Check(file, text, new PythonCheckOptions { ClassName = entry.GetProperty("class").GetString(), Inputs = inputs });
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var described = string.Join("\n", result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code} {d.Message}"));
        if (Path.GetFileName(file).StartsWith("unsupported_", StringComparison.Ordinal))
        {
            Assert.True(errors.Count == 0, $"{file}: expected no error, got\n{described}");
            return;
        }

        if (entry.GetProperty("ok").GetBoolean())
        {
            Assert.True(errors.Count == 0, $"{file}: PyTorch runs it, but the checker reports\n{described}");
            var expected = entry.GetProperty("output_shape");
            if (expected.ValueKind == JsonValueKind.Array && expected.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
            {
                var shape = new Shape(expected.EnumerateArray().Select(d => Dim.Known(d.GetInt64())));
                Assert.True(shape.Equals(result.OutputShape), $"{file}: output {shape} expected, got {result.OutputShape?.ToString() ?? "unknown"}\n{described}");
            }

            return;
        }

        var line = entry.GetProperty("error").GetProperty("line").GetInt32();
        Assert.True(errors.Any(e => e.Line == line),
            $"{file}: PyTorch raises on line {line} ({entry.GetProperty("error").GetProperty("message").GetString()}), the checker reports\n{described}");
    }
}
