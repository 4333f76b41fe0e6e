using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Inference;

/// <summary>
/// Model files under tests/fixtures with inline expectations (see <see cref="InlineExpectations"/>): each
/// <c># E: CODE</c> / <c># W: CODE</c> line gets exactly that diagnostic, no other line any, and a
/// <c># output: SHAPE</c> comment states the final shape.
/// </summary>
public sealed class FixtureTests
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
        Assert.Equal(InlineExpectations.Diagnostics(text).Order(StringComparer.Ordinal), InlineExpectations.Actual(result).Order(StringComparer.Ordinal));
        if (InlineExpectations.Output(text) is { } output)
        {
            Assert.Equal(output, result.Output?.ToString());
        }
    }
}
