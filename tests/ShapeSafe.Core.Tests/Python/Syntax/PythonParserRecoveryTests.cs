using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Tests.Python.Syntax;

public sealed class PythonParserRecoveryTests
{
    [Fact]
    public void RealisticModuleParsesWithoutErrors()
    {
        var source = PythonSamples.Read("simple_cnn.py");
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Errors);
        var cls = Assert.Single(result.Module.Body.OfType<ClassDefStmt>());
        Assert.Equal("SimpleCNN", cls.Name);
        Assert.Equal("nn.Module", source.Substring(cls.Bases[0].Range.Start, cls.Bases[0].Range.Length));
        Assert.Equal(new[] { "__init__", "forward" }, cls.Body.OfType<FunctionDefStmt>().Select(f => f.Name));
        var forward = cls.Body.OfType<FunctionDefStmt>().Single(f => f.Name == "forward");
        Assert.Equal(5, forward.Body.Count);
        var main = Assert.IsType<IfStmt>(result.Module.Body[^1]);
        Assert.Equal("(cmp __name__ == '__main__')", AstPrinter.Print(main.Test));
        Assert.Equal("# shapesafe: input Nx3x32x32", result.Comments[0].Text);
    }

    [Theory]
    [MemberData(nameof(PythonSamples.SampleNames), MemberType = typeof(PythonSamples))]
    public void SamplesParseWithoutErrors(string name)
    {
        var result = PythonParser.Parse(PythonSamples.Read(name));
        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Module.Body);
    }

    [Fact]
    public void BrokenLineInTheMiddleKeepsTheFollowingDefinitions()
    {
        const string source = """
            import torch.nn as nn

            class A(nn.Module):
                def __init__(self):
                    self.conv = nn.Conv2d(3, 16, 3
                    self.fc = nn.Linear(16, = 10)
                def forward(self, x):
                    return self.fc(x)

            x = = 1 2 3 )

            class B(nn.Module):
                def forward(self, x):
                    return x

            def helper(a, b):
                return a + b
            """;
        var result = PythonParser.Parse(source);
        Assert.NotEmpty(result.Errors);
        var body = result.Module.Body;
        Assert.Equal(new[] { "A", "B" }, body.OfType<ClassDefStmt>().Select(c => c.Name));
        Assert.Contains(body, s => s is FunctionDefStmt { Name: "helper" });
        var a = body.OfType<ClassDefStmt>().First();
        Assert.Contains(a.Body, s => s is FunctionDefStmt { Name: "forward" });
        var b = body.OfType<ClassDefStmt>().Last();
        Assert.Equal("(def forward (params self x) [(return x)])", AstPrinter.Print(Assert.Single(b.Body)));
    }

    [Theory]
    [InlineData("x = (1, 2\ny = 3\n", "'(' was never closed", "(")]
    [InlineData("x = [1, 2\n", "'[' was never closed", "[")]
    [InlineData("f(a, {1: 2)\n", "closing parenthesis ')' does not match opening parenthesis '{'", ")")]
    [InlineData("foo(1, 2\ndef g():\n    pass\n", "'(' was never closed", "(")]
    [InlineData("x = 1\n    y = 2\nz = 3\n", "unexpected indent", "y")]
    [InlineData("if x:\n        a = 1\n    b = 2\n", "unindent does not match any outer indentation level", "    ")]
    [InlineData("if x:\npass\n", "expected an indented block after 'if' statement on line 1", "")]
    [InlineData("def f()\n    return 1\n", "expected ':'", "\n")]
    [InlineData("x = 1 )\n", "invalid syntax", ")")]
    [InlineData("x = )\n", "invalid syntax", ")")]
    [InlineData("x = 1 $ 2\n", "invalid syntax", "$")]
    [InlineData(")\nx = 1\n", "invalid syntax", ")")]
    [InlineData("else:\n    pass\n", "invalid syntax", "else")]
    [InlineData("s = 'abc\nt = 1\n", "unterminated string literal (detected at line 1)", "'abc")]
    [InlineData("f(a b)\n", "invalid syntax. Perhaps you forgot a comma?", "b")]
    [InlineData("f() = 1\n", "cannot assign to function call", "f()")]
    [InlineData("1 = x\n", "cannot assign to literal", "1")]
    [InlineData("x = 007\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", "007")]
    [InlineData("def f(a=1, b): pass\n", "parameter without a default follows parameter with a default", "b")]
    [InlineData("f(k=1, 2)\n", "positional argument follows keyword argument", "2")]
    [InlineData("try:\n    pass\nx = 1\n", "expected 'except' or 'finally' block", "")]
    [InlineData("x = f'{}'\n", "f-string: valid expression required before '}'", "{}")]
    [InlineData("x = f'{a b}'\n", "f-string: expecting '}'", "b")]
    [InlineData("x = 1 if y\n", "expected 'else' after 'if' expression", "\n")]
    [InlineData("x = b'a' 'b'\n", "cannot mix bytes and nonbytes literals", "'b'")]
    public void EachProblemGivesOneDiagnosticWithASensibleRange(string source, string message, string rangeText)
    {
        var result = PythonParser.Parse(source);
        var error = Assert.Single(result.Errors);
        Assert.Equal(message, error.Message);
        Assert.Equal(rangeText, source.Substring(error.Range.Start, error.Range.Length));
    }

    [Fact]
    public void UnclosedBracketDoesNotSwallowTheNextDefinition()
    {
        var result = PythonParser.Parse("x = foo(1,\n\ndef g():\n    return 2\n");
        Assert.Single(result.Errors);
        Assert.Contains(result.Module.Body, s => s is FunctionDefStmt { Name: "g" });
    }

    [Fact]
    public void DiagnosticSpansAreOnOneLine()
    {
        var result = PythonParser.Parse("x = 1\ny = (1,\n  2\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal(new ShapeSafe.Syntax.SourceSpan(2, 5, 6), result.Source.ToSpan(error.Range));
    }
}
