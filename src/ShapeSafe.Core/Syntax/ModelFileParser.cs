using ShapeSafe.Diagnostics;
using ShapeSafe.IO;
using System.Text.RegularExpressions;
using ShapeSafe.Shapes;

namespace ShapeSafe.Syntax;

/// <summary>
/// Parses model files: one layer per line in PyTorch's own constructor syntax
/// (<c>conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)</c>, <c>self.fc1 = nn.Linear(32 * 8 * 8, 128)</c>,
/// <c>Conv2d(3, 16, 3)</c>), <c>#</c> comments, and one <c>input Nx3x64x64</c> line. A line holding only an
/// earlier layer's name reuses that layer, as a forward() that calls <c>self.pool</c> twice does.
/// Never throws: every problem becomes a diagnostic with line and column.
/// </summary>
public static partial class ModelFileParser
{
    private const int MaxLineLength = 10_000;

    /// <summary>
    /// The most layer lines (including reuse lines) a model file may have: far beyond any real network (ResNet-152 has
    /// a few hundred), and small enough that checking the largest file takes well under a second and little memory.
    /// </summary>
    public const int MaxLayers = 10_000;

    public static ModelFile Parse(string path, string text)
    {
        text = Utf8Text.WithoutByteOrderMark(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var layers = new List<LayerCall>();
        var diagnostics = new List<Diagnostic>();
        InputDeclaration? input = null;
        var defined = new Dictionary<string, LayerCall>(StringComparer.Ordinal);
        var tokens = new List<Token>(32); // one list for every line: the tokens are not kept

        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index];
            if (line.Length > MaxLineLength)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.Syntax, new SourceSpan(lineNumber, 1, 2), $"line is {line.Length} characters long; at most {MaxLineLength} are read"));
                continue;
            }

            if (FirstControlCharacter(line) is var col and >= 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.Syntax, new SourceSpan(lineNumber, col + 1, col + 2), "the line holds a control character; is this a text file?"));
                continue;
            }

            try
            {
                if (MayDeclareInput(line) && InputLine().Match(line) is { Success: true } inputMatch)
                {
                    var declaration = ParseInput(line, lineNumber, inputMatch, diagnostics);
                    if (declaration is not null && input is not null)
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, declaration.ShapeSpan,
                            $"the input is declared twice (first on line {input.Line}); keep one 'input' line"));
                    }
                    else if (declaration is not null)
                    {
                        input = declaration;
                    }

                    continue;
                }

                LineTokenizer.Tokenize(line, tokens);
                if (tokens.Count == 1)
                {
                    continue; // blank or comment
                }

                if (layers.Count == MaxLayers)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.Syntax, new SourceSpan(lineNumber, 1, Math.Max(2, line.Length + 1)),
                        $"the file has more than {MaxLayers} layer lines; at most {MaxLayers} are read, and the rest of the file is not checked"));
                    break;
                }

                var call = ParseLayer(line, lineNumber, tokens, defined);
                if (call is { Name: { } name, ReusedFrom: null } && defined.TryGetValue(name, out var earlier)
                    && earlier.Signature == call.Signature)
                {
                    // The same name constructed the same way again is the same module, as a bare reuse line is:
                    // its identity is decided here, once, and the checker, summary and builder all follow it.
                    call = call with { ReusedFrom = earlier.Line };
                }

                layers.Add(call);
                if (call.Name is not null)
                {
                    defined.TryAdd(call.Name, call);
                }
            }
            catch (SyntaxError e)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.Syntax, new SourceSpan(lineNumber, e.Start + 1, e.End + 1), e.Message));
            }
            catch (OverflowException)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.Syntax, new SourceSpan(lineNumber, 1, line.Length + 1),
                    $"a number on this line is too large (at most {long.MaxValue})"));
            }
        }

        return new ModelFile(path, lines, input, layers, diagnostics);
    }

    /// <summary>The index of the first control character other than tab (a binary file), or -1.</summary>
    private static int FirstControlCharacter(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (char.IsControl(line[i]) && line[i] != '\t')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the line starts with "input" after white space: only then can <see cref="InputLine"/> match (cheaper than running it on every line).</summary>
    private static bool MayDeclareInput(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return line.AsSpan(i).StartsWith("input", StringComparison.Ordinal);
    }

    /// <summary><c>input 128x3x64x64</c>, <c>input: Nx1x28x28</c> or <c>input = (1, 3, 64, 64)</c>, but not a layer named input.</summary>
    [GeneratedRegex(@"^\s*input\b(?!\s*=\s*[A-Za-z_][\w.]*\s*\()\s*[:=]?\s*(?<shape>[^#]*)")]
    private static partial Regex InputLine();

    private static InputDeclaration? ParseInput(string line, int lineNumber, Match match, List<Diagnostic> diagnostics)
    {
        var group = match.Groups["shape"];
        var shapeText = group.Value.TrimEnd();
        var span = new SourceSpan(lineNumber, group.Index + 1, group.Index + shapeText.Length + 1);
        if (shapeText.Length == 0)
        {
            var at = line.IndexOf("input", StringComparison.Ordinal);
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(lineNumber, at + 1, at + 6),
                "'input' needs a shape, batch first: e.g. input Nx3x64x64"));
            return null;
        }

        if (!ShapeParser.TryParse(shapeText, out var shape, out var error))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, span, error));
            return null;
        }

        return new InputDeclaration(shape, lineNumber, span);
    }

    private static LayerCall ParseLayer(string line, int lineNumber, List<Token> tokens, Dictionary<string, LayerCall> defined)
    {
        var p = new ExpressionParser(line, lineNumber, tokens);
        string? name = null;

        // Optional target: name = ..., self.name = ...
        var afterTarget = ScanDotted(tokens, 0);
        if (afterTarget > 0 && tokens[afterTarget] is { Kind: TokenKind.Punct, Text: "=" })
        {
            name = tokens[afterTarget - 1].Text;
            p.Position = afterTarget + 1;
        }
        else if (afterTarget > 0 && tokens[afterTarget].Kind == TokenKind.End || (afterTarget > 0 && tokens[afterTarget] is { Text: "," } && tokens[afterTarget + 1].Kind == TokenKind.End))
        {
            // A bare earlier name reuses that layer (self.pool called twice).
            var reused = tokens[afterTarget - 1].Text;
            if (defined.TryGetValue(reused, out var earlier))
            {
                return earlier with { Line = lineNumber, LineText = line, ReusedFrom = earlier.Line };
            }

            throw p.Error(tokens[afterTarget - 1].Text is "flatten" or "relu" or "dropout"
                ? $"'{reused}' is not a layer defined above; write the constructor, e.g. nn.{char.ToUpperInvariant(reused[0])}{reused[1..]}()"
                : $"'{reused}' is not a layer defined above; write a layer call such as nn.Conv2d(3, 16, 3)", tokens[afterTarget - 1]);
        }

        var typeStart = p.Position;
        var typeEnd = ScanDotted(tokens, typeStart);
        if (typeEnd == typeStart || typeEnd < 0)
        {
            throw p.Error("expected a layer call such as nn.Conv2d(3, 16, kernel_size=3)", p.Peek);
        }

        var typeToken = tokens[typeEnd - 1];
        var qualifier = (typeEnd - typeStart) switch
        {
            1 => string.Empty,
            3 => tokens[typeStart].Text, // nn.Conv2d
            _ => string.Join(".", tokens.Skip(typeStart).Take(typeEnd - typeStart - 1).Where(t => t.Kind == TokenKind.Name).Select(t => t.Text)),
        };
        if (qualifier.Length > 0 && qualifier is not ("nn" or "torch.nn" or "torch.nn.modules"))
        {
            throw p.Error($"'{qualifier}.{typeToken.Text}' is not a torch.nn layer; write nn.{typeToken.Text}(...) or {typeToken.Text}(...)", tokens[typeStart]);
        }

        p.Position = typeEnd;
        var open = p.Expect("(", $"after {typeToken.Text}");
        var arguments = new List<Argument>();
        var seenKeyword = false;
        while (!(p.Peek is { Kind: TokenKind.Punct, Text: ")" }))
        {
            if (p.Peek.Kind == TokenKind.End)
            {
                throw new SyntaxError("unbalanced parentheses: this '(' is never closed", open.Start, open.End);
            }

            if (p.Peek.Kind == TokenKind.Name && tokens[p.Position + 1] is { Kind: TokenKind.Punct, Text: "=" })
            {
                var keyword = p.Next();
                p.Next();
                var value = p.ParseExpression();
                arguments.Add(new Argument(keyword.Text, p.SpanOf(keyword.Start, keyword.End), value));
                seenKeyword = true;
            }
            else
            {
                var at = p.Peek;
                var value = p.ParseExpression();
                if (seenKeyword)
                {
                    throw p.Error("positional argument follows keyword argument", at);
                }

                arguments.Add(new Argument(null, SourceSpan.None, value));
            }

            if (!p.Accept(","))
            {
                if (p.Peek.Kind == TokenKind.End)
                {
                    throw new SyntaxError("unbalanced parentheses: this '(' is never closed", open.Start, open.End);
                }

                if (!(p.Peek is { Kind: TokenKind.Punct, Text: ")" }))
                {
                    throw p.Error($"expected ',' or ')', found '{p.Peek.Text}'", p.Peek);
                }
            }
        }

        var close = p.Next();
        p.Accept(","); // a line copied out of nn.Sequential(...) ends with a comma
        if (p.Peek.Kind != TokenKind.End)
        {
            throw p.Error(p.Peek.Text == ")" ? "unbalanced parentheses: this ')' has no '('" : $"unexpected '{p.Peek.Text}' after the layer call", p.Peek);
        }

        return new LayerCall(
            typeToken.Text,
            name,
            arguments,
            lineNumber,
            p.SpanOf(typeToken.Start, typeToken.End),
            p.SpanOf(typeToken.Start, close.End),
            line);
    }

    /// <summary>Scans NAME(.NAME)* from <paramref name="start"/>; returns the index after it, or <paramref name="start"/> when none.</summary>
    private static int ScanDotted(List<Token> tokens, int start)
    {
        if (tokens[start].Kind != TokenKind.Name)
        {
            return start;
        }

        var i = start + 1;
        while (tokens[i] is { Kind: TokenKind.Punct, Text: "." } && tokens[i + 1].Kind == TokenKind.Name)
        {
            i += 2;
        }

        return i;
    }
}
