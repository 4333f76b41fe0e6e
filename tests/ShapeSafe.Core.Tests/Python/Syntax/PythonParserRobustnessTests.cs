using System.Diagnostics;
using System.Text;
using ShapeSafe.Python.Syntax;
using Xunit.Abstractions;

namespace ShapeSafe.Tests.Python.Syntax;

public sealed class PythonParserRobustnessTests
{
    private const string Palette = "()[]{}:;,.'\"\\\n\n\t    #=*@+-<>!fbr_xyz0123456789";

    private static readonly string[] Snippets =
    {
        "(", ")", "[", "]", "{", "}", "'", "\"", "'''", "\"\"\"", "f'{", "}", "\n    ", "\n\t", "\n", "\\\n", ":", "lambda",
        "def ", "class ", "if ", "else", "elif", "match ", "case ", "*", "**", "yield", "await ", "async ", ":=", "->", "@",
        "...", "#", "\r", "\ufeff", "\u00e9", "\ud800", "€", "\0", "0x", "1e", "1_", "j", "not ", " in ", " is ", "try:",
        "except", "finally:", "with ", " as ", "from ", "import ", "return", "global ", "del ", "assert ", "raise ",
    };

    /// <summary>Parses, then checks that it terminated with every node and diagnostic inside the text.</summary>
    private static ParseResult ParseChecked(string text)
    {
        var result = PythonParser.Parse(text);
        foreach (var node in AstWalker.DescendantsAndSelf(result.Module))
        {
            Assert.True(node.Range.Start >= 0 && node.Range.Start <= node.Range.End && node.Range.End <= text.Length,
                $"{node.GetType().Name} {node.Range} outside 0..{text.Length}");
        }

        foreach (var error in result.Errors)
        {
            Assert.True(error.Range.Start >= 0 && error.Range.Start <= error.Range.End && error.Range.End <= text.Length,
                $"diagnostic '{error.Message}' {error.Range} outside 0..{text.Length}");
            _ = result.Source.ToSpan(error.Range);
        }

        return result;
    }

    private static string Mutate(string text, Random random, List<PyToken> tokens)
    {
        var sb = new StringBuilder(text);
        var count = random.Next(1, 4);
        for (var m = 0; m < count; m++)
        {
            var length = sb.Length;
            var at = length == 0 ? 0 : random.Next(length);
            switch (random.Next(10))
            {
                case 0 when length > 0:
                    sb.Remove(at, Math.Min(random.Next(1, 4), length - at));
                    break;
                case 1:
                    sb.Insert(at, Palette[random.Next(Palette.Length)]);
                    break;
                case 2 when length > 0:
                {
                    var len = Math.Min(random.Next(1, 40), length - at);
                    sb.Insert(at, sb.ToString(at, len));
                    break;
                }

                case 3 when length > 1:
                {
                    var other = random.Next(length);
                    (sb[at], sb[other]) = (sb[other], sb[at]);
                    break;
                }

                case 4 when length > 0 && random.Next(4) == 0:
                    sb.Length = at;
                    break;
                case 5:
                    sb.Insert(at, Snippets[random.Next(Snippets.Length)]);
                    break;
                case 6 when tokens.Count > 1:
                {
                    // Delete a whole token of the original text (when still in range).
                    var t = tokens[random.Next(tokens.Count)];
                    if (t.End <= sb.Length)
                    {
                        sb.Remove(t.Start, t.Range.Length);
                    }

                    break;
                }

                case 7 when tokens.Count > 1:
                {
                    // Duplicate a token's text at a random place.
                    var t = tokens[random.Next(tokens.Count)];
                    if (t.End <= sb.Length)
                    {
                        sb.Insert(at, sb.ToString(t.Start, t.Range.Length));
                    }

                    break;
                }

                case 8 when tokens.Count > 2:
                {
                    // Swap two tokens (the later one first, so offsets of the earlier stay valid).
                    var a = tokens[random.Next(tokens.Count)];
                    var b = tokens[random.Next(tokens.Count)];
                    if (a.Start > b.Start)
                    {
                        (a, b) = (b, a);
                    }

                    if (a.End <= b.Start && b.End <= sb.Length)
                    {
                        var ta = sb.ToString(a.Start, a.Range.Length);
                        var tb = sb.ToString(b.Start, b.Range.Length);
                        sb.Remove(b.Start, b.Range.Length).Insert(b.Start, ta);
                        sb.Remove(a.Start, a.Range.Length).Insert(a.Start, tb);
                    }

                    break;
                }

                default:
                {
                    // Indent or dedent a line.
                    var lineStart = at;
                    while (lineStart > 0 && sb[lineStart - 1] != '\n')
                    {
                        lineStart--;
                    }

                    if (random.Next(2) == 0)
                    {
                        sb.Insert(lineStart, random.Next(3) == 0 ? "\t" : "   ");
                    }
                    else if (lineStart < sb.Length && sb[lineStart] == ' ')
                    {
                        sb.Remove(lineStart, 1);
                    }

                    break;
                }
            }
        }

        return sb.ToString();
    }

    [Fact]
    public void ThousandsOfRandomMutationsNeverThrowAndKeepRangesInTheText()
    {
        var random = new Random(20240601);
        var parses = 0;
        var withErrors = 0;
        foreach (var file in PythonSamples.Files())
        {
            var original = File.ReadAllText(file);
            var tokens = PyTokenizer.Tokenize(original).Where(t => t.Range.Length > 0).ToList();
            for (var i = 0; i < 1000; i++)
            {
                var mutated = Mutate(original, random, tokens);
                var result = ParseChecked(mutated);
                parses++;
                withErrors += result.Errors.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(parses >= 4000, $"only {parses} parses");
        Assert.True(withErrors > parses / 2, $"mutations should mostly break the files: {withErrors} of {parses} had errors");
    }

    [Fact]
    public void RandomCharacterSoupNeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, 120);
            for (var k = 0; k < length; k++)
            {
                sb.Append(random.Next(3) == 0 ? Snippets[random.Next(Snippets.Length)] : Palette[random.Next(Palette.Length)].ToString());
            }

            ParseChecked(sb.ToString());
        }
    }

    public static TheoryData<string, string> DeepInputs()
    {
        const int n = 10_000;
        return new TheoryData<string, string>
        {
            { "parens", "x = " + new string('(', n) + "1" + new string(')', n) + "\ny = 2\n" },
            { "brackets", "x = " + new string('[', n) + "1" + new string(']', n) + "\ny = 2\n" },
            { "braces", "x = " + new string('{', n) + new string('}', n) + "\n" },
            { "unclosed parens", "x = " + new string('(', n) + "\ndef f(): pass\n" },
            { "unclosed brackets", new string('[', n) },
            { "calls", "x = " + string.Concat(Enumerable.Repeat("f(", n)) + new string(')', n) },
            { "subscripts", "x = " + string.Concat(Enumerable.Repeat("a[", n)) + "0" + new string(']', n) },
            { "unary", "x = " + string.Concat(Enumerable.Repeat("-", n)) + "1" },
            { "not", "x = " + string.Concat(Enumerable.Repeat("not ", n)) + "1" },
            { "power", "x = 2" + string.Concat(Enumerable.Repeat(" ** 2", n)) },
            { "ternaries", "x = 1" + string.Concat(Enumerable.Repeat(" if a else 1", n)) },
            { "lambdas", "x = " + string.Concat(Enumerable.Repeat("lambda: ", n)) + "1" },
            { "walrus", "x = " + string.Concat(Enumerable.Repeat("(a := ", n)) + "1" + new string(')', n) },
            { "dicts", "x = " + string.Concat(Enumerable.Repeat("{1: ", n)) + "1" + new string('}', n) },
            { "f-strings", "x = " + string.Concat(Enumerable.Repeat("f'{", 500)) + "1" + string.Concat(Enumerable.Repeat("}'", 500)) },
            { "f-string specs", "x = f'{a:" + string.Concat(Enumerable.Repeat("{b:", 500)) + new string('}', 501) + "'" },
            { "stars", "x = [" + string.Concat(Enumerable.Repeat("*", n)) + "a]" },
            { "attributes", "x = a" + string.Concat(Enumerable.Repeat(".b", n)) },
            { "sums", "x = 1" + string.Concat(Enumerable.Repeat(" + 1", n)) },
            { "elifs", "if a: pass\n" + string.Concat(Enumerable.Repeat("elif a: pass\n", n)) + "else: pass\n" },
            { "ifs", string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 1000) + "pass\n" },
            { "tab ifs", string.Concat(Enumerable.Range(0, 1000).Select(i => new string('\t', i) + "if x:\n")) + new string('\t', 1000) + "pass\n" },
            { "decorators", string.Concat(Enumerable.Repeat("@d\n", n)) + "def f(): pass\n" },
            { "semicolons", string.Concat(Enumerable.Repeat("pass;", n)) + "\n" },
            { "indents", string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', i % 200) + "x\n")) },
            { "quotes", new string('\'', n) + new string('"', n) },
            { "backslashes", new string('\\', n) },
            { "colons", "x" + new string(':', n) },
        };
    }

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void DeepOrDegenerateInputTerminatesWithADiagnostic(string name, string source)
    {
        var result = ParseChecked(source);
        if (name is not ("sums" or "attributes" or "elifs" or "decorators" or "semicolons" or "calls-shallow"))
        {
            Assert.NotEmpty(result.Errors);
        }
        else
        {
            Assert.Empty(result.Errors);
        }
    }

    [Theory]
    [InlineData(50)]
    [InlineData(150)]
    public void HundredsOfNestedBracketsAreFine(int depth)
    {
        Assert.Empty(PythonParser.Parse("x = " + new string('(', depth) + "1" + new string(')', depth)).Errors);
        Assert.Empty(PythonParser.Parse("x = " + new string('[', depth) + "1" + new string(']', depth)).Errors);
        Assert.Empty(PythonParser.Parse("x = " + string.Concat(Enumerable.Repeat("f(", depth)) + new string(')', depth)).Errors);
    }

    [Fact]
    public void TooDeeplyNestedIsReported()
    {
        var result = PythonParser.Parse("x = " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\ny = 2\n");
        Assert.Contains(result.Errors, e => e.Message == "too deeply nested");
        Assert.Equal("(= y 2)", AstPrinter.Print(result.Module.Body[^1]));
        var ifs = PythonParser.Parse(string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 300) + "pass\n");
        Assert.Equal("too many levels of indentation", Assert.Single(ifs.Errors).Message);
    }

    [Fact]
    public void DeepestAcceptedNestingFitsInASmallStack()
    {
        // The worst nesting the depth cap lets through must not overflow a 256 KiB thread stack (thread-pool threads get more).
        var inputs = new[]
        {
            "x = " + new string('(', 10_000) + "1" + new string(')', 10_000),
            "x = " + string.Concat(Enumerable.Repeat("f(", 10_000)) + new string(')', 10_000),
            "x = " + string.Concat(Enumerable.Repeat("{1: [", 5_000)) + "1" + string.Concat(Enumerable.Repeat("]}", 5_000)),
            "x = " + string.Concat(Enumerable.Repeat("lambda: ", 10_000)) + "1",
            "x = " + string.Concat(Enumerable.Repeat("f'{", 500)) + "1" + string.Concat(Enumerable.Repeat("}'", 500)),
            string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "if x:\n")) + new string(' ', 300) + "pass\n",
        };
        var done = 0;
        var thread = new Thread(() =>
        {
            foreach (var input in inputs)
            {
                PythonParser.Parse(input);
                done++;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(inputs.Length, done);
    }

    [Fact]
    public void HundredThousandLineFileParsesFast()
    {
        var sb = new StringBuilder();
        var lines = 0;
        var k = 0;
        while (lines < 100_000)
        {
            sb.Append("class M").Append(k).Append("(nn.Module):\n")
                .Append("    def __init__(self):\n")
                .Append("        super().__init__()\n")
                .Append("        self.conv = nn.Conv2d(3, 16, kernel_size=3, padding=1)  # conv\n")
                .Append("        self.fc = nn.Linear(16 * 8 * 8, 10)\n")
                .Append("\n")
                .Append("    def forward(self, x):\n")
                .Append("        x = F.relu(self.conv(x))\n")
                .Append("        return self.fc(x.view(x.size(0), -1))\n")
                .Append("\n");
            lines += 10;
            k++;
        }

        var source = sb.ToString();
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Errors);
        Assert.Equal(k, result.Module.Body.Count);
        Assert.Equal(k, result.Comments.Count);
    }
}
