using System.Globalization;

namespace ShapeSafe.Python.Syntax;

/// <summary>
/// Python 3 tokenizer: NEWLINE/INDENT/DEDENT from a stack of indents (tabs to multiples of 8), implicit line joining
/// inside brackets and after a backslash, every number and string form (f-strings are one token; the parser splits
/// their fields), all operators. Never throws: bad input becomes <see cref="PyTokenKind.Error"/> tokens whose value is
/// the message. Comments go to <see cref="Comments"/>. One pass, no regex.
/// </summary>
/// <remarks>
/// Recovery: inside brackets, a physical line that starts with a keyword that can only begin a statement (def, class,
/// return, import, ...) ends the logical line, so one unclosed bracket does not swallow the rest of the file.
/// </remarks>
public sealed class PyTokenizer
{
    /// <summary>The deepest indentation the tokenizer reports with INDENT tokens (CPython's limit).</summary>
    public const int MaxIndentLevels = 100;

    private readonly SourceText source;
    private readonly string text;
    private readonly int end;
    private readonly bool fieldMode;
    private readonly List<PyToken> tokens;
    private readonly List<PyComment> comments = new();
    private readonly List<int> indents = new() { 0 };
    private readonly List<bool> phantoms = new() { false };
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> nameLookup;
    private int pos;
    private int parenDepth;
    private bool atLineStart = true;
    private bool lineHasTokens;
    private bool indentOverflowReported;

    /// <summary>A tokenizer for a whole file.</summary>
    public PyTokenizer(SourceText source)
        : this(source, 0, source.Text.Length, fieldMode: false)
    {
    }

    /// <summary>A tokenizer for <c>[start, end)</c>; in field mode (an f-string field) lines are joined as inside brackets.</summary>
    internal PyTokenizer(SourceText source, int start, int end, bool fieldMode)
    {
        this.source = source;
        text = source.Text;
        this.end = Math.Min(end, text.Length);
        this.fieldMode = fieldMode;
        pos = start;
        tokens = new List<PyToken>(fieldMode ? 8 : Math.Max(16, (end - start) / 3));
        nameLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (fieldMode)
        {
            parenDepth = 1;
            atLineStart = false;
        }
        else if (pos == 0 && source.HasBom)
        {
            pos = 1;
        }
    }

    /// <summary>Every comment met, in order.</summary>
    public IReadOnlyList<PyComment> Comments => comments;

    /// <summary>Tokenizes a whole file.</summary>
    public static List<PyToken> Tokenize(string text) => new PyTokenizer(new SourceText(text)).Tokenize();

    /// <summary>Runs once; the list always ends with <see cref="PyTokenKind.EndOfFile"/>, after a NEWLINE and the DEDENTs that close open blocks.</summary>
    public List<PyToken> Tokenize()
    {
        if (tokens.Count > 0)
        {
            return tokens;
        }

        while (true)
        {
            if (atLineStart && !ReadIndentation())
            {
                continue;
            }

            if (pos >= end)
            {
                break;
            }

            var c = text[pos];
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    pos++;
                    break;
                case '#':
                    ReadComment();
                    break;
                case '\n' or '\r':
                    ReadNewline();
                    break;
                case '\\':
                    ReadBackslash();
                    break;
                case '\'' or '"':
                    ReadString(pos, pos, PyTokenFlags.None);
                    break;
                case >= '0' and <= '9':
                    ReadNumber();
                    break;
                case '.' when pos + 1 < end && char.IsAsciiDigit(text[pos + 1]):
                    ReadNumber();
                    break;
                default:
                    if (c == '_' || char.IsAsciiLetter(c) || (c >= 0x80 && IsIdentifierStart(c)))
                    {
                        ReadNameOrString();
                    }
                    else
                    {
                        ReadOperator(c);
                    }

                    break;
            }
        }

        if (lineHasTokens && !fieldMode)
        {
            Add(PyTokenKind.Newline, end, end);
        }

        for (var k = indents.Count - 1; k > 0; k--)
        {
            if (!phantoms[k])
            {
                Add(PyTokenKind.Dedent, end, end);
            }
        }

        indents.RemoveRange(1, indents.Count - 1);
        phantoms.RemoveRange(1, phantoms.Count - 1);
        Add(PyTokenKind.EndOfFile, end, end);
        return tokens;
    }

    private void Add(PyTokenKind kind, int start, int stop, string? value = null, PyTokenFlags flags = PyTokenFlags.None)
    {
        tokens.Add(new PyToken(kind, new TextRange(start, stop), value, flags));
        if (kind is not (PyTokenKind.Newline or PyTokenKind.Indent or PyTokenKind.Dedent or PyTokenKind.EndOfFile))
        {
            lineHasTokens = true;
        }
    }

    /// <summary>Measures the indentation of a new logical line; returns false after skipping a blank or comment-only line.</summary>
    private bool ReadIndentation()
    {
        var col = 0;
        var p = pos;
        while (p < end)
        {
            var c = text[p];
            if (c == ' ')
            {
                col++;
            }
            else if (c == '\t')
            {
                col = (col / 8 + 1) * 8;
            }
            else if (c == '\f')
            {
                col = 0;
            }
            else
            {
                break;
            }

            p++;
        }

        if (p >= end)
        {
            pos = p;
            atLineStart = false;
            return true;
        }

        var first = text[p];
        if (first is '#' or '\n' or '\r')
        {
            pos = p;
            if (first == '#')
            {
                ReadComment();
            }

            if (pos < end)
            {
                pos += text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n' ? 2 : 1;
            }

            return false;
        }

        atLineStart = false;
        var top = indents[^1];
        if (col > top)
        {
            if (indents.Count > MaxIndentLevels)
            {
                if (!indentOverflowReported)
                {
                    indentOverflowReported = true;
                    Add(PyTokenKind.Error, pos, p, "too many levels of indentation");
                    lineHasTokens = false;
                }

                indents.Add(col);
                phantoms.Add(true);
            }
            else
            {
                indents.Add(col);
                phantoms.Add(false);
                Add(PyTokenKind.Indent, pos, p);
            }
        }
        else if (col < top)
        {
            while (indents.Count > 1 && col < indents[^1])
            {
                if (!phantoms[^1])
                {
                    Add(PyTokenKind.Dedent, p, p);
                }

                indents.RemoveAt(indents.Count - 1);
                phantoms.RemoveAt(phantoms.Count - 1);
            }

            if (indents.Count <= MaxIndentLevels)
            {
                indentOverflowReported = false;
            }

            if (col != indents[^1])
            {
                Add(PyTokenKind.Error, pos, p, "unindent does not match any outer indentation level");
                lineHasTokens = false;
                indents.Add(col);
                phantoms.Add(true);
            }
        }

        pos = p;
        return true;
    }

    private void ReadComment()
    {
        var start = pos;
        while (pos < end && text[pos] != '\n' && text[pos] != '\r')
        {
            pos++;
        }

        if (!fieldMode)
        {
            comments.Add(new PyComment(new TextRange(start, pos), text.Substring(start, pos - start)));
        }
    }

    private void ReadNewline()
    {
        var start = pos;
        pos += text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n' ? 2 : 1;
        if (fieldMode)
        {
            return;
        }

        if (parenDepth > 0)
        {
            if (!StatementKeywordStartsLine())
            {
                return;
            }

            parenDepth = 0;
        }

        if (lineHasTokens)
        {
            Add(PyTokenKind.Newline, start, pos);
            lineHasTokens = false;
        }

        atLineStart = true;
    }

    /// <summary>Inside brackets: whether the next physical line starts with a keyword that can only begin a statement.</summary>
    private bool StatementKeywordStartsLine()
    {
        var p = pos;
        while (p < end && text[p] is ' ' or '\t' or '\f')
        {
            p++;
        }

        var s = p;
        while (p < end && p - s <= 8 && char.IsAsciiLetter(text[p]))
        {
            p++;
        }

        if (p < end && (text[p] == '_' || char.IsAsciiLetterOrDigit(text[p]) || text[p] >= 0x80))
        {
            return false;
        }

        return text.AsSpan(s, p - s) switch
        {
            "def" or "class" or "return" or "import" or "pass" or "break" or "continue" or "raise" or "global"
                or "nonlocal" or "assert" or "del" or "try" or "while" or "with" or "except" or "finally" or "elif" => true,
            _ => false,
        };
    }

    private void ReadBackslash()
    {
        var start = pos++;
        if (pos < end && (text[pos] == '\n' || text[pos] == '\r'))
        {
            pos += text[pos] == '\r' && pos + 1 < end && text[pos + 1] == '\n' ? 2 : 1;
            if (pos >= end && !fieldMode)
            {
                Add(PyTokenKind.Error, start, pos, "unexpected EOF while parsing");
            }

            return;
        }

        Add(PyTokenKind.Error, start, pos, "unexpected character after line continuation character");
    }

    private void ReadNameOrString()
    {
        var start = pos;
        var p = pos;
        while (p < end)
        {
            var c = text[p];
            if (c == '_' || char.IsAsciiLetterOrDigit(c))
            {
                p++;
            }
            else if (c >= 0x80 && IsIdentifierPart(c))
            {
                p++;
            }
            else
            {
                break;
            }
        }

        if (p - start <= 2 && p < end && text[p] is '\'' or '"' && PyStringScanner.Prefix(text.AsSpan(start, p - start)) is { } flags)
        {
            ReadString(start, p, flags);
            return;
        }

        pos = p;
        var span = text.AsSpan(start, p - start);
        var kind = Keyword(span);
        if (kind != PyTokenKind.Name)
        {
            Add(kind, start, p, KeywordText(kind));
            return;
        }

        if (!nameLookup.TryGetValue(span, out var name))
        {
            name = span.ToString();
            names.Add(name);
        }

        Add(PyTokenKind.Name, start, p, name);
    }

    private void ReadString(int start, int quote, PyTokenFlags flags)
    {
        var scanner = new PyStringScanner(text, end);
        var stop = scanner.ScanLiteral(quote, ref flags, 0, out var bodyStart, out var bodyEnd);
        if (stop < 0)
        {
            var errorEnd = scanner.ErrorPos;
            if (scanner.Unterminated)
            {
                errorEnd = (flags & PyTokenFlags.Triple) != 0 ? end : LineEnd(scanner.ErrorPos);
            }
            else if (errorEnd < end && text[errorEnd] != '\n' && text[errorEnd] != '\r')
            {
                // A bad field before the closing quote: the token runs to that quote's end, or the line's.
                var close = (flags & PyTokenFlags.Triple) != 0 ? 3 : 1;
                errorEnd = Math.Min(errorEnd + close, end);
            }

            errorEnd = Math.Max(errorEnd, quote + 1);
            var message = scanner.Error ?? "invalid syntax";
            if (message.StartsWith("unterminated", StringComparison.Ordinal))
            {
                message += $" (detected at line {source.LineOf(Math.Max(errorEnd - 1, start))})";
            }

            pos = errorEnd;
            Add(PyTokenKind.Error, start, errorEnd, message);
            return;
        }

        pos = stop;
        if (scanner.Error is not null)
        {
            Add(PyTokenKind.Error, start, stop, scanner.Error);
            return;
        }

        string? value = null;
        if ((flags & PyTokenFlags.FString) == 0)
        {
            value = (flags & PyTokenFlags.Raw) != 0
                ? text.Substring(bodyStart, bodyEnd - bodyStart)
                : PyStringScanner.Decode(text, bodyStart, bodyEnd, (flags & PyTokenFlags.Bytes) != 0);
        }

        Add(PyTokenKind.String, start, stop, value, flags);
    }

    private int LineEnd(int p)
    {
        while (p < end && text[p] != '\n' && text[p] != '\r')
        {
            p++;
        }

        return p;
    }

    private void ReadNumber()
    {
        var start = pos;
        var p = pos;
        var flags = PyTokenFlags.Int;
        if (text[p] == '0' && p + 1 < end && text[p + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            p += 2;
            while (p < end && (char.IsAsciiHexDigit(text[p]) || text[p] == '_'))
            {
                p++;
            }
        }
        else
        {
            p = Digits(p);
            if (p < end && text[p] == '.')
            {
                flags = PyTokenFlags.Float;
                p = Digits(p + 1);
            }

            if (p < end && text[p] is 'e' or 'E')
            {
                var q = p + 1;
                if (q < end && text[q] is '+' or '-')
                {
                    q++;
                }

                if (q < end && char.IsAsciiDigit(text[q]))
                {
                    flags = PyTokenFlags.Float;
                    p = Digits(q);
                }
            }

            if (p < end && text[p] is 'j' or 'J')
            {
                flags = PyTokenFlags.Imaginary;
                p++;
            }
        }

        pos = p;
        Add(PyTokenKind.Number, start, p, null, flags);
    }

    private int Digits(int p)
    {
        while (p < end && (char.IsAsciiDigit(text[p]) || (text[p] == '_' && p + 1 < end && char.IsAsciiDigit(text[p + 1]))))
        {
            p++;
        }

        return p;
    }

    private void ReadOperator(char c)
    {
        var start = pos;
        var c1 = pos + 1 < end ? text[pos + 1] : '\0';
        var c2 = pos + 2 < end ? text[pos + 2] : '\0';
        var (kind, length) = c switch
        {
            '(' => (PyTokenKind.LeftParen, 1),
            ')' => (PyTokenKind.RightParen, 1),
            '[' => (PyTokenKind.LeftBracket, 1),
            ']' => (PyTokenKind.RightBracket, 1),
            '{' => (PyTokenKind.LeftBrace, 1),
            '}' => (PyTokenKind.RightBrace, 1),
            ',' => (PyTokenKind.Comma, 1),
            ';' => (PyTokenKind.Semicolon, 1),
            '~' => (PyTokenKind.Tilde, 1),
            ':' => c1 == '=' ? (PyTokenKind.ColonEqual, 2) : (PyTokenKind.Colon, 1),
            '.' => c1 == '.' && c2 == '.' ? (PyTokenKind.Ellipsis, 3) : (PyTokenKind.Dot, 1),
            '=' => c1 == '=' ? (PyTokenKind.EqualEqual, 2) : (PyTokenKind.Equal, 1),
            '!' => c1 == '=' ? (PyTokenKind.NotEqual, 2) : (PyTokenKind.Error, 1),
            '+' => c1 == '=' ? (PyTokenKind.PlusEqual, 2) : (PyTokenKind.Plus, 1),
            '-' => c1 == '=' ? (PyTokenKind.MinusEqual, 2) : c1 == '>' ? (PyTokenKind.Arrow, 2) : (PyTokenKind.Minus, 1),
            '*' => c1 == '*'
                ? (c2 == '=' ? (PyTokenKind.DoubleStarEqual, 3) : (PyTokenKind.DoubleStar, 2))
                : c1 == '=' ? (PyTokenKind.StarEqual, 2) : (PyTokenKind.Star, 1),
            '/' => c1 == '/'
                ? (c2 == '=' ? (PyTokenKind.DoubleSlashEqual, 3) : (PyTokenKind.DoubleSlash, 2))
                : c1 == '=' ? (PyTokenKind.SlashEqual, 2) : (PyTokenKind.Slash, 1),
            '<' => c1 == '<'
                ? (c2 == '=' ? (PyTokenKind.LeftShiftEqual, 3) : (PyTokenKind.LeftShift, 2))
                : c1 == '=' ? (PyTokenKind.LessEqual, 2) : (PyTokenKind.Less, 1),
            '>' => c1 == '>'
                ? (c2 == '=' ? (PyTokenKind.RightShiftEqual, 3) : (PyTokenKind.RightShift, 2))
                : c1 == '=' ? (PyTokenKind.GreaterEqual, 2) : (PyTokenKind.Greater, 1),
            '%' => c1 == '=' ? (PyTokenKind.PercentEqual, 2) : (PyTokenKind.Percent, 1),
            '@' => c1 == '=' ? (PyTokenKind.AtEqual, 2) : (PyTokenKind.At, 1),
            '&' => c1 == '=' ? (PyTokenKind.AmpersandEqual, 2) : (PyTokenKind.Ampersand, 1),
            '|' => c1 == '=' ? (PyTokenKind.PipeEqual, 2) : (PyTokenKind.Pipe, 1),
            '^' => c1 == '=' ? (PyTokenKind.CaretEqual, 2) : (PyTokenKind.Caret, 1),
            _ => (PyTokenKind.Error, 0),
        };

        if (kind == PyTokenKind.Error)
        {
            ReadInvalid(start, length);
            return;
        }

        pos += length;
        switch (kind)
        {
            case PyTokenKind.LeftParen or PyTokenKind.LeftBracket or PyTokenKind.LeftBrace:
                parenDepth++;
                break;
            case PyTokenKind.RightParen or PyTokenKind.RightBracket or PyTokenKind.RightBrace:
                if (parenDepth > (fieldMode ? 1 : 0))
                {
                    parenDepth--;
                }

                break;
        }

        Add(kind, start, pos);
    }

    /// <summary>A run of characters that start no token becomes one error token.</summary>
    private void ReadInvalid(int start, int length)
    {
        var c = text[start];
        pos = start + Math.Max(length, 1);
        if (char.IsHighSurrogate(c) && pos < end && char.IsLowSurrogate(text[pos]))
        {
            pos++;
        }

        string message;
        if (c < 0x80 && !char.IsControl(c))
        {
            message = "invalid syntax";
        }
        else if (c == 0)
        {
            message = "source code cannot contain null bytes";
        }
        else if (char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.Format)
        {
            message = $"invalid non-printable character U+{(int)c:X4}";
        }
        else
        {
            var cp = char.IsHighSurrogate(c) && pos - start == 2 ? char.ConvertToUtf32(c, text[start + 1]) : c;
            message = $"invalid character '{text.Substring(start, pos - start)}' (U+{cp:X4})";
        }

        Add(PyTokenKind.Error, start, pos, message);
    }

    private static bool IsIdentifierStart(char c)
    {
        if (char.IsSurrogate(c))
        {
            return true;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber;
    }

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierStart(c) || char.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>The hard keyword a name spells, or <see cref="PyTokenKind.Name"/>.</summary>
    public static PyTokenKind Keyword(ReadOnlySpan<char> s) => s switch
    {
        "False" => PyTokenKind.False,
        "None" => PyTokenKind.None,
        "True" => PyTokenKind.True,
        "and" => PyTokenKind.And,
        "as" => PyTokenKind.As,
        "assert" => PyTokenKind.Assert,
        "async" => PyTokenKind.Async,
        "await" => PyTokenKind.Await,
        "break" => PyTokenKind.Break,
        "class" => PyTokenKind.Class,
        "continue" => PyTokenKind.Continue,
        "def" => PyTokenKind.Def,
        "del" => PyTokenKind.Del,
        "elif" => PyTokenKind.Elif,
        "else" => PyTokenKind.Else,
        "except" => PyTokenKind.Except,
        "finally" => PyTokenKind.Finally,
        "for" => PyTokenKind.For,
        "from" => PyTokenKind.From,
        "global" => PyTokenKind.Global,
        "if" => PyTokenKind.If,
        "import" => PyTokenKind.Import,
        "in" => PyTokenKind.In,
        "is" => PyTokenKind.Is,
        "lambda" => PyTokenKind.Lambda,
        "nonlocal" => PyTokenKind.Nonlocal,
        "not" => PyTokenKind.Not,
        "or" => PyTokenKind.Or,
        "pass" => PyTokenKind.Pass,
        "raise" => PyTokenKind.Raise,
        "return" => PyTokenKind.Return,
        "try" => PyTokenKind.Try,
        "while" => PyTokenKind.While,
        "with" => PyTokenKind.With,
        "yield" => PyTokenKind.Yield,
        _ => PyTokenKind.Name,
    };

    /// <summary>The text of a keyword kind (null for other kinds).</summary>
    public static string? KeywordText(PyTokenKind kind) => kind switch
    {
        PyTokenKind.False => "False",
        PyTokenKind.None => "None",
        PyTokenKind.True => "True",
        PyTokenKind.And => "and",
        PyTokenKind.As => "as",
        PyTokenKind.Assert => "assert",
        PyTokenKind.Async => "async",
        PyTokenKind.Await => "await",
        PyTokenKind.Break => "break",
        PyTokenKind.Class => "class",
        PyTokenKind.Continue => "continue",
        PyTokenKind.Def => "def",
        PyTokenKind.Del => "del",
        PyTokenKind.Elif => "elif",
        PyTokenKind.Else => "else",
        PyTokenKind.Except => "except",
        PyTokenKind.Finally => "finally",
        PyTokenKind.For => "for",
        PyTokenKind.From => "from",
        PyTokenKind.Global => "global",
        PyTokenKind.If => "if",
        PyTokenKind.Import => "import",
        PyTokenKind.In => "in",
        PyTokenKind.Is => "is",
        PyTokenKind.Lambda => "lambda",
        PyTokenKind.Nonlocal => "nonlocal",
        PyTokenKind.Not => "not",
        PyTokenKind.Or => "or",
        PyTokenKind.Pass => "pass",
        PyTokenKind.Raise => "raise",
        PyTokenKind.Return => "return",
        PyTokenKind.Try => "try",
        PyTokenKind.While => "while",
        PyTokenKind.With => "with",
        PyTokenKind.Yield => "yield",
        _ => null,
    };
}
