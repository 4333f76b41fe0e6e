using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Tests.Python.Syntax;

public sealed class PyTokenizerTests
{
    /// <summary>Tokens as text: kinds, names and numbers as written, strings as their decoded value, errors as their message; EOF left out.</summary>
    private static string Tokens(string source)
    {
        var tokens = PyTokenizer.Tokenize(source);
        Assert.Equal(PyTokenKind.EndOfFile, tokens[^1].Kind);
        return string.Join(" ", tokens.Take(tokens.Count - 1).Select(t => t.Kind switch
        {
            PyTokenKind.Name => t.Value!,
            PyTokenKind.Number => source.Substring(t.Start, t.Range.Length),
            PyTokenKind.String => (t.Flags & PyTokenFlags.FString) != 0 ? "F" + source.Substring(t.Start, t.Range.Length) : "S<" + t.Value + ">",
            PyTokenKind.Error => "ERR<" + t.Value + ">",
            PyTokenKind.Newline => "NL",
            PyTokenKind.Indent => "IN",
            PyTokenKind.Dedent => "DE",
            _ => t.Kind.ToString(),
        }));
    }

    [Theory]
    [InlineData("if x:\n    y\nz", "If x Colon NL IN y NL DE z NL")]
    [InlineData("if x:\n    if y:\n        z\nw", "If x Colon NL IN If y Colon NL IN z NL DE DE w NL")]
    [InlineData("if x:\n    y\n", "If x Colon NL IN y NL DE")]
    [InlineData("a\n\n   \n# c\n  \t\nb", "a NL b NL")]
    [InlineData("if x:\n\ty\n        z", "If x Colon NL IN y NL z NL DE")]
    [InlineData("if x:\n        y\n    z", "If x Colon NL IN y NL DE ERR<unindent does not match any outer indentation level> z NL")]
    [InlineData("  x", "IN x NL DE")]
    [InlineData("x = (1,\n   2)\ny", "x Equal LeftParen 1 Comma 2 RightParen NL y NL")]
    [InlineData("x = [1,\n# c\n 2]", "x Equal LeftBracket 1 Comma 2 RightBracket NL")]
    [InlineData("x = 1 + \\\n    2", "x Equal 1 Plus 2 NL")]
    [InlineData("x = \\ y", "x Equal ERR<unexpected character after line continuation character> y NL")]
    [InlineData("x = (1,\ndef f(): pass", "x Equal LeftParen 1 Comma NL Def f LeftParen RightParen Colon Pass NL")]
    [InlineData("a\r\nb\rc\n", "a NL b NL c NL")]
    [InlineData("\ufeffx", "x NL")]
    public void Layout(string source, string expected) => Assert.Equal(expected, Tokens(source));

    [Theory]
    [InlineData("0 7 1_000 0x1f 0XFF 0o17 0b1010 0b_1", "0 7 1_000 0x1f 0XFF 0o17 0b1010 0b_1 NL")]
    [InlineData("1.5 .5 1. 1e3 1E-3 1.5e+10 1_0.0_1", "1.5 .5 1. 1e3 1E-3 1.5e+10 1_0.0_1 NL")]
    [InlineData("1j 1.5J 1e3j", "1j 1.5J 1e3j NL")]
    [InlineData("x.y 1 .real", "x Dot y 1 Dot real NL")]
    [InlineData("...", "Ellipsis NL")]
    public void Numbers(string source, string expected) => Assert.Equal(expected, Tokens(source));

    [Theory]
    [InlineData("1", PyTokenFlags.Int)]
    [InlineData("0x10", PyTokenFlags.Int)]
    [InlineData("1.0", PyTokenFlags.Float)]
    [InlineData("1e5", PyTokenFlags.Float)]
    [InlineData("2j", PyTokenFlags.Imaginary)]
    public void NumberFlags(string source, PyTokenFlags flags) => Assert.Equal(flags, PyTokenizer.Tokenize(source)[0].Flags);

    [Theory]
    [InlineData("'a' \"b\"", "S<a> S<b> NL")]
    [InlineData("'''a\nb''' \"\"\"c\"d\"\"\"", "S<a\nb> S<c\"d> NL")]
    [InlineData("'a\\nb\\t\\x41\\u00e9\\101\\\\'", "S<a\nb\tAé\u0041\\> NL")]
    [InlineData("'\\N{DASH}' '\\q'", "S<\\N{DASH}> S<\\q> NL")]
    [InlineData("r'\\n' R\"\\d\" rb'x' BR'y' Rb'z'", "S<\\n> S<\\d> S<x> S<y> S<z> NL")]
    [InlineData("u'x' U'y' b'\\x00' B'\\u1234'", "S<x> S<y> S<\0> S<\\u1234> NL")]
    [InlineData("'it\\'s' \"q\\\"\"", "S<it's> S<q\"> NL")]
    [InlineData("'a\\\nb'", "S<ab> NL")]
    [InlineData("f'x{y}' F\"{a!r:>10}\" fr'{b}\\n' RF'{c}' f'''{\n d}'''", "Ff'x{y}' FF\"{a!r:>10}\" Ffr'{b}\\n' FRF'{c}' Ff'''{\n d}''' NL")]
    [InlineData("f'{x[\"a\"]}' f\"{'b'}\"", "Ff'{x[\"a\"]}' Ff\"{'b'}\" NL")]
    [InlineData("f'{{}}' f'{x:{w}.{p}}'", "Ff'{{}}' Ff'{x:{w}.{p}}' NL")]
    [InlineData("'abc\nx", "ERR<unterminated string literal (detected at line 1)> NL x NL")]
    [InlineData("x = '''abc\n\ny", "x Equal ERR<unterminated triple-quoted string literal (detected at line 3)> NL")]
    [InlineData("f'{x'", "ERR<f-string: expecting '}'> NL")]
    [InlineData("f'a}b'", "ERR<f-string: single '}' is not allowed> NL")]
    [InlineData("rb", "rb NL")]
    [InlineData("bx'a'", "bx S<a> NL")]
    public void Strings(string source, string expected) => Assert.Equal(expected, Tokens(source));

    [Theory]
    [InlineData("a := b -> c", "a ColonEqual b Arrow c NL")]
    [InlineData("** // >> << <= >= == != **= //= >>= <<=", "DoubleStar DoubleSlash RightShift LeftShift LessEqual GreaterEqual EqualEqual NotEqual DoubleStarEqual DoubleSlashEqual RightShiftEqual LeftShiftEqual NL")]
    [InlineData("+= -= *= /= %= @= &= |= ^= ~", "PlusEqual MinusEqual StarEqual SlashEqual PercentEqual AtEqual AmpersandEqual PipeEqual CaretEqual Tilde NL")]
    [InlineData("@ & | ^ % ; , .", "At Ampersand Pipe Caret Percent Semicolon Comma Dot NL")]
    [InlineData("a $ b", "a ERR<invalid syntax> b NL")]
    [InlineData("a ! b", "a ERR<invalid syntax> b NL")]
    [InlineData("x = 1 € 2", "x Equal 1 ERR<invalid character '€' (U+20AC)> 2 NL")]
    [InlineData("match case type _ async await", "match case type _ Async Await NL")]
    [InlineData("None True False and or not in is lambda", "None True False And Or Not In Is Lambda NL")]
    [InlineData("café = π", "café Equal π NL")]
    public void OperatorsAndNames(string source, string expected) => Assert.Equal(expected, Tokens(source));

    [Fact]
    public void CommentsAreKeptWithTheirRanges()
    {
        const string source = "# shapesafe: input Nx3x64x64\nx = 1  # trailing\nif x:\n    # indented\n    y = (1, # in brackets\n         2)\n";
        var tokenizer = new PyTokenizer(new SourceText(source));
        tokenizer.Tokenize();
        var comments = tokenizer.Comments;
        Assert.Equal(new[] { "# shapesafe: input Nx3x64x64", "# trailing", "# indented", "# in brackets" }, comments.Select(c => c.Text));
        Assert.All(comments, c => Assert.Equal(c.Text, source.Substring(c.Range.Start, c.Range.Length)));
    }

    [Fact]
    public void TokenRangesSliceTheirText()
    {
        const string source = "self.fc = nn.Linear(32 * 8 * 8, 128)  # c\nx = f'{a}' 'b'\n";
        var tokens = PyTokenizer.Tokenize(source);
        var texts = tokens.Where(t => t.Kind is not (PyTokenKind.Newline or PyTokenKind.EndOfFile)).Select(t => source.Substring(t.Start, t.Range.Length));
        Assert.Equal(new[] { "self", ".", "fc", "=", "nn", ".", "Linear", "(", "32", "*", "8", "*", "8", ",", "128", ")", "x", "=", "f'{a}'", "'b'" }, texts);
    }

    [Fact]
    public void TooManyIndentLevelsIsOneErrorToken()
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 150; i++)
        {
            sb.Append(' ', i).Append("if x:\n");
        }

        sb.Append(' ', 150).Append("pass\n");
        var tokens = PyTokenizer.Tokenize(sb.ToString());
        Assert.Single(tokens, t => t.Kind == PyTokenKind.Error);
        Assert.Equal(PyTokenizer.MaxIndentLevels, tokens.Count(t => t.Kind == PyTokenKind.Indent));
        Assert.Equal(PyTokenizer.MaxIndentLevels, tokens.Count(t => t.Kind == PyTokenKind.Dedent));
    }
}
