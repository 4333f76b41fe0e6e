using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Tests.Python.Syntax;

public sealed class PythonParserRangeTests
{
    [Fact]
    public void CallArgumentRangesSliceTheirText()
    {
        const string source = "self.fc1 = nn.Linear(32 * 8 * 8, 128)  # Calculated by hand\n";
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Errors);
        var assign = Assert.IsType<AssignStmt>(Assert.Single(result.Module.Body));
        var call = Assert.IsType<CallExpr>(assign.Value);
        string Text(TextRange r) => source.Substring(r.Start, r.Length);
        Assert.Equal("self.fc1 = nn.Linear(32 * 8 * 8, 128)", Text(assign.Range));
        Assert.Equal("nn.Linear(32 * 8 * 8, 128)", Text(call.Range));
        Assert.Equal("nn.Linear", Text(call.Func.Range));
        Assert.Equal("Linear", Text(((AttributeExpr)call.Func).AttrRange));
        Assert.Equal("32 * 8 * 8", Text(call.Arguments[0].Range));
        Assert.Equal("32 * 8", Text(((BinaryExpr)call.Arguments[0].Value).Left.Range));
        Assert.Equal("128", Text(call.Arguments[1].Value.Range));
        Assert.Equal("fc1", Text(((AttributeExpr)assign.Targets[0]).AttrRange));
        var comment = Assert.Single(result.Comments);
        Assert.Equal("# Calculated by hand", Text(comment.Range));
    }

    [Theory]
    [InlineData("f(a, k=(1 + 2), *xs, **kw)", "a|k=(1 + 2)|*xs|**kw")]
    [InlineData("x = (a + b) * c", "x|(a + b) * c")]
    [InlineData("x[1:2, ::3]", "x[1:2, ::3]")]
    [InlineData("def f(a, b: int = 3, *args, **kw): pass", "a|b: int = 3|*args|**kw")]
    [InlineData("@d\ndef f(): pass", "@d\ndef f(): pass")]
    [InlineData("if a:\n    b\nelif c:\n    d\n", "if a:\n    b\nelif c:\n    d|elif c:\n    d")]
    [InlineData("x = f'{a}' 'b'", "x|f'{a}' 'b'|a")]
    [InlineData("import a.b as c, d", "import a.b as c, d|a.b as c|d")]
    public void NodesCoverExactlyTheirText(string source, string expected)
    {
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Errors);
        var texts = new List<string>();
        var stmt = result.Module.Body[0];
        switch (stmt)
        {
            case ExprStmt { Value: CallExpr call }:
                texts.AddRange(call.Arguments.Select(a => Slice(source, a.Range)));
                break;
            case AssignStmt assign:
                texts.AddRange(assign.Targets.Select(t => Slice(source, t.Range)));
                texts.Add(Slice(source, assign.Value.Range));
                if (assign.Value is StringExpr s)
                {
                    texts.AddRange(s.Parts.Select(p => Slice(source, p.Range)));
                }

                break;
            case ExprStmt e:
                texts.Add(Slice(source, e.Range));
                break;
            case FunctionDefStmt { Decorators.Count: > 0 } f:
                texts.Add(Slice(source, f.Range));
                break;
            case FunctionDefStmt f:
                texts.AddRange(f.Parameters.Select(p => Slice(source, p.Range)));
                break;
            case IfStmt ifs:
                texts.Add(Slice(source, ifs.Range));
                texts.Add(Slice(source, ifs.OrElse[0].Range));
                break;
            case ImportStmt imp:
                texts.Add(Slice(source, imp.Range));
                texts.AddRange(imp.Names.Select(n => Slice(source, n.Range)));
                break;
        }

        Assert.Equal(expected, string.Join("|", texts));
    }

    private static string Slice(string source, TextRange r) => source.Substring(r.Start, r.Length);

    /// <summary>CPython 3.11's own ranges for these files (Samples/*.ranges, made once with ast.parse) must be ours, node for node.</summary>
    [Theory]
    [MemberData(nameof(PythonSamples.SampleNames), MemberType = typeof(PythonSamples))]
    public void RangesMatchCPython(string name)
    {
        var source = PythonSamples.Read(name);
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Errors);
        var ours = new HashSet<string>(AstWalker.DescendantsAndSelf(result.Module)
            .Select(n => n is CallArgument { Kind: ArgumentKind.Star } ? "StarredExpr" : n.GetType().Name)
            .Zip(AstWalker.DescendantsAndSelf(result.Module), (type, n) => $"{type} {n.Range.Start} {n.Range.End}"));
        ours.UnionWith(AstWalker.DescendantsAndSelf(result.Module).Select(n => $"{n.GetType().Name} {n.Range.Start} {n.Range.End}"));
        var expected = File.ReadAllLines(Path.Combine(PythonSamples.SamplesFolder, Path.ChangeExtension(name, ".ranges")))
            .Where(l => l.Length > 0).ToList();
        var missing = expected.Where(e => !ours.Contains(e))
            .Select(e =>
            {
                var parts = e.Split(' ');
                var r = new TextRange(int.Parse(parts[1]), int.Parse(parts[2]));
                return e + " '" + Slice(source, r).Replace("\n", "\\n") + "'";
            })
            .ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} CPython ranges missing:\n" + string.Join("\n", missing.Take(40)));
    }

    [Fact]
    public void SourceTextMapsOffsetsToLinesAndColumns()
    {
        var source = new SourceText("\ufeffab\r\ncd\ref\n\nlong line here");
        Assert.Equal(5, source.LineCount);
        Assert.Equal((1, 1), source.LineColumn(1));
        Assert.Equal((1, 2), source.LineColumn(2));
        Assert.Equal((2, 1), source.LineColumn(5));
        Assert.Equal((3, 2), source.LineColumn(9));
        Assert.Equal("ab", source.LineText(1));
        Assert.Equal("cd", source.LineText(2));
        Assert.Equal("ef", source.LineText(3));
        Assert.Equal(string.Empty, source.LineText(4));
        Assert.Equal("long line here", source.LineText(5));
        Assert.Equal(new TextRange(5, 7), source.LineRange(2));
        Assert.Equal(new ShapeSafe.Syntax.SourceSpan(2, 1, 3), source.ToSpan(new TextRange(5, 7)));
        Assert.Equal(new ShapeSafe.Syntax.SourceSpan(1, 2, 3), source.ToSpan(new TextRange(2, 9)));
        Assert.Equal(new ShapeSafe.Syntax.SourceSpan(5, 6, 10), source.ToSpan(new TextRange(17, 21)));
    }
}
