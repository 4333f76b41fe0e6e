using ShapeSafe.Diagnostics;
using ShapeSafe.Python;

namespace ShapeSafe.Tests.Python.Binding;

/// <summary>
/// One Python file per construct in Cases/ (checked against real PyTorch 1.13 when written): the input comes from the
/// file's <c># shapesafe: input</c> comment, every error and warning must be the inline <c># E:</c> / <c># W:</c>
/// expectation of its line, and <c># output:</c> states the output shape.
/// </summary>
public sealed class BinderCaseTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "ShapeSafe.Core.Tests", "Python", "Binding", "Cases");

    public static TheoryData<string> Cases() => new(Directory.GetFiles(Folder, "*.py").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DiagnosticsAndOutputAreTheInlineExpectations(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var result = PythonChecker.Check(file, text);
        Assert.Equal(InputSource.Comment, result.InputSource);
        var actual = result.Diagnostics.Where(d => d.Severity != Severity.Info).Select(d => $"{d.Line}: {d.Severity} {d.Code}").ToList();
        var described = string.Join("\n", result.Diagnostics.Select(d => $"{d.Line}: {d.Severity} {d.Code} {d.Message}"));
        Assert.True(InlineExpectations.Diagnostics(text).SequenceEqual(actual), $"expected\n{string.Join("\n", InlineExpectations.Diagnostics(text))}\nactual\n{described}");
        if (InlineExpectations.Output(text) is { } output)
        {
            Assert.Equal(output, result.OutputShape?.ToString());
        }
    }

    [Fact]
    public void CallsTheCheckerDoesNotModelGiveNotesAndNoErrors()
    {
        var result = PythonChecker.Check("unknown_calls_are_notes.py", File.ReadAllText(Path.Combine(Folder, "unknown_calls_are_notes.py")));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity != Severity.Info);
        var notes = result.Diagnostics.Select(d => (d.Line, d.Code)).ToList();
        Assert.Contains((15, "SS0430"), notes);
        Assert.Contains((17, "SS0431"), notes);
        Assert.Contains((12, "SS0430"), notes);
        Assert.Null(result.OutputShape);
    }
}
