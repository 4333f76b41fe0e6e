using System.Text;

namespace ShapeSafe.Python.Syntax;

/// <summary>
/// Finds where string literals end (f-strings with nested replacement fields, nested strings and format specs
/// included) and decodes escapes. Bounded: f-string nesting deeper than <see cref="MaxNesting"/> is an error, not
/// deeper recursion. Shared by the tokenizer (to find a literal's end) and the parser (to list an f-string's fields).
/// </summary>
internal sealed class PyStringScanner
{
    public const int MaxNesting = 32;

    private readonly string text;
    private readonly int limit;
    private int nestedLiterals;

    public PyStringScanner(string text, int limit, List<FStringField>? fields = null)
    {
        this.text = text;
        this.limit = limit;
        Fields = fields;
    }

    /// <summary>Where fields are listed (top-level and format-spec fields, in source order); null to only find the end.</summary>
    public List<FStringField>? Fields { get; }

    /// <summary>The first error met (an unterminated literal, a bad field), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where <see cref="Error"/> was found.</summary>
    public int ErrorPos { get; private set; }

    /// <summary>True when the error means the literal has no end (so the tokenizer takes the rest of the line).</summary>
    public bool Unterminated { get; private set; }

    /// <summary>Reads a string prefix of at most two letters ending at a quote; returns its flags or null when the text is not one.</summary>
    public static PyTokenFlags? Prefix(ReadOnlySpan<char> letters)
    {
        var flags = PyTokenFlags.None;
        var seenB = false;
        var seenR = false;
        var seenF = false;
        var seenU = false;
        foreach (var ch in letters)
        {
            switch (ch)
            {
                case 'r' or 'R' when !seenR && !seenU:
                    seenR = true;
                    flags |= PyTokenFlags.Raw;
                    break;
                case 'b' or 'B' when !seenB && !seenF && !seenU:
                    seenB = true;
                    flags |= PyTokenFlags.Bytes;
                    break;
                case 'f' or 'F' when !seenF && !seenB && !seenU:
                    seenF = true;
                    flags |= PyTokenFlags.FString;
                    break;
                case 'u' or 'U' when letters.Length == 1:
                    seenU = true;
                    break;
                default:
                    return null;
            }
        }

        return flags;
    }

    /// <summary>
    /// Scans the literal whose quote is at <paramref name="quote"/> (prefix already read into <paramref name="flags"/>).
    /// Returns the end just after the closing quotes, or -1 when it has none (then <see cref="Error"/> says why).
    /// </summary>
    public int ScanLiteral(int quote, ref PyTokenFlags flags, int nesting, out int bodyStart, out int bodyEnd)
    {
        var q = text[quote];
        var triple = quote + 2 < limit && text[quote + 1] == q && text[quote + 2] == q;
        if (triple)
        {
            flags |= PyTokenFlags.Triple;
        }

        bodyStart = quote + (triple ? 3 : 1);
        var raw = (flags & PyTokenFlags.Raw) != 0;

        // Fields of string literals nested inside a field belong to those literals, not to this one.
        var nested = nesting > 0;
        if (nested)
        {
            nestedLiterals++;
        }

        bodyEnd = (flags & PyTokenFlags.FString) != 0
            ? ScanFStringBody(bodyStart, q, triple, raw, nesting)
            : ScanPlainBody(bodyStart, q, triple);
        if (nested)
        {
            nestedLiterals--;
        }

        if (bodyEnd < 0)
        {
            return -1;
        }

        return bodyEnd + (triple ? 3 : 1);
    }

    private bool IsClose(int i, char q, bool triple) =>
        text[i] == q && (!triple || (i + 2 < limit && text[i + 1] == q && text[i + 2] == q));

    private int ScanPlainBody(int i, char q, bool triple)
    {
        while (i < limit)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += i + 2 < limit && text[i + 1] == '\r' && text[i + 2] == '\n' ? 3 : 2;
                continue;
            }

            if (c == q && IsClose(i, q, triple))
            {
                return i;
            }

            if (!triple && (c == '\n' || c == '\r'))
            {
                return Fail(i, triple, unterminated: true);
            }

            i++;
        }

        return Fail(limit, triple, unterminated: true);
    }

    private int Fail(int at, bool triple, bool unterminated, string? message = null)
    {
        if (Error is null)
        {
            Error = message ?? (triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
            ErrorPos = at;
            Unterminated = unterminated;
        }

        return -1;
    }

    private int ScanFStringBody(int i, char q, bool triple, bool raw, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return Fail(i, triple, unterminated: false, "too deeply nested");
        }

        while (i < limit)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 < limit && text[i + 1] is '{' or '}')
                {
                    i++;
                    continue;
                }

                if (!raw && i + 2 < limit && text[i + 1] == 'N' && text[i + 2] == '{')
                {
                    i += 3;
                    while (i < limit && text[i] != '}' && text[i] != q && text[i] != '\n' && text[i] != '\r')
                    {
                        i++;
                    }

                    if (i < limit && text[i] == '}')
                    {
                        i++;
                    }

                    continue;
                }

                i += i + 2 < limit && text[i + 1] == '\r' && text[i + 2] == '\n' ? 3 : 2;
                continue;
            }

            if (c == q && IsClose(i, q, triple))
            {
                return i;
            }

            if (!triple && (c == '\n' || c == '\r'))
            {
                return Fail(i, triple, unterminated: true);
            }

            if (c == '{')
            {
                if (i + 1 < limit && text[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                i = ScanField(i, q, triple, nesting, topLevel: true);
                if (i < 0)
                {
                    return -1;
                }

                continue;
            }

            if (c == '}')
            {
                if (i + 1 < limit && text[i + 1] == '}')
                {
                    i += 2;
                    continue;
                }

                Fail(i, triple, unterminated: false, "f-string: single '}' is not allowed");
            }

            i++;
        }

        return Fail(limit, triple, unterminated: true);
    }

    /// <summary>Scans one replacement field from its <c>{</c>; returns the index after its <c>}</c>, or -1.</summary>
    private int ScanField(int open, char q, bool triple, int nesting, bool topLevel)
    {
        if (nesting > MaxNesting)
        {
            return Fail(open, triple, unterminated: false, "too deeply nested");
        }

        var slot = -1;
        if (Fields is not null && nestedLiterals == 0)
        {
            slot = Fields.Count;
            Fields.Add(default);
        }

        var exprStart = open + 1;
        var exprEnd = -1;
        var depth = 0;
        var i = exprStart;
        while (exprEnd < 0)
        {
            if (i >= limit)
            {
                return Fail(i, triple, unterminated: true, "f-string: expecting '}'");
            }

            var c = text[i];
            if (!triple && (c == '\n' || c == '\r'))
            {
                return Fail(i, triple, unterminated: true, "f-string: expecting '}'");
            }

            if (c is '\'' or '"')
            {
                if (c == q && depth == 0 && IsClose(i, q, triple))
                {
                    return Fail(i, triple, unterminated: false, "f-string: expecting '}'");
                }

                var flags = PyTokenFlags.None;
                i = ScanLiteral(i, ref flags, nesting + 1, out _, out _);
                if (i < 0)
                {
                    return -1;
                }

                continue;
            }

            if (c == '_' || char.IsAsciiLetter(c))
            {
                var s = i;
                while (i < limit && (text[i] == '_' || char.IsAsciiLetterOrDigit(text[i])))
                {
                    i++;
                }

                if (i - s <= 2 && i < limit && text[i] is '\'' or '"' && Prefix(text.AsSpan(s, i - s)) is { } prefixFlags)
                {
                    i = ScanLiteral(i, ref prefixFlags, nesting + 1, out _, out _);
                    if (i < 0)
                    {
                        return -1;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    i++;
                    break;
                case ')' or ']':
                    depth = Math.Max(depth - 1, 0);
                    i++;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        exprEnd = i;
                    }
                    else
                    {
                        depth--;
                        i++;
                    }

                    break;
                case '#':
                    return Fail(i, triple, unterminated: false, "f-string expression part cannot include '#'");
                case '!' or '=' or '<' or '>' when i + 1 < limit && text[i + 1] == '=':
                    i += 2;
                    break;
                case '!' or ':' when depth == 0:
                    exprEnd = i;
                    break;
                case '=' when depth == 0:
                    exprEnd = i;
                    break;
                case '\\':
                    i += 2;
                    break;
                default:
                    i++;
                    break;
            }
        }

        // After the expression: optional '=', optional '!conversion', optional ':spec', then '}'.
        if (i < limit && text[i] == '=')
        {
            i++;
            while (i < limit && text[i] is ' ' or '\t')
            {
                i++;
            }
        }

        if (i < limit && text[i] == '!')
        {
            i++;
            while (i < limit && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
        }

        if (i < limit && text[i] == ':')
        {
            i++;
            while (true)
            {
                if (i >= limit)
                {
                    return Fail(i, triple, unterminated: true, "f-string: expecting '}'");
                }

                var c = text[i];
                if (c == '}')
                {
                    break;
                }

                if (c == '{')
                {
                    i = ScanField(i, q, triple, nesting + 1, topLevel: false);
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                }

                if ((c == q && IsClose(i, q, triple)) || (!triple && (c == '\n' || c == '\r')))
                {
                    return Fail(i, triple, unterminated: c != q, "f-string: expecting '}'");
                }

                i += c == '\\' ? 2 : 1;
            }
        }

        if (i >= limit || text[i] != '}')
        {
            if (i < limit && text[i] == q && IsClose(i, q, triple))
            {
                return Fail(i, triple, unterminated: false, "f-string: expecting '}'");
            }

            return Fail(i, triple, unterminated: i >= limit, "f-string: expecting '}'");
        }

        if (slot >= 0)
        {
            Fields![slot] = new FStringField(open, exprStart, exprEnd, i + 1, topLevel);
        }

        return i + 1;
    }

    /// <summary>Decodes the escapes of <c>text[start..end)</c> (a non-raw literal body); bytes keep <c>\u</c>/<c>\N</c> as written.</summary>
    public static string Decode(string text, int start, int end, bool bytes)
    {
        var backslash = text.IndexOf('\\', start, end - start);
        if (backslash < 0)
        {
            return text.Substring(start, end - start);
        }

        var sb = new StringBuilder(end - start);
        sb.Append(text, start, backslash - start);
        var i = backslash;
        while (i < end)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= end)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var n = text[i + 1];
            i += 2;
            switch (n)
            {
                case '\n':
                    break;
                case '\r':
                    if (i < end && text[i] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\\' or '\'' or '"':
                    sb.Append(n);
                    break;
                case 'a':
                    sb.Append('\a');
                    break;
                case 'b':
                    sb.Append('\b');
                    break;
                case 'f':
                    sb.Append('\f');
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'v':
                    sb.Append('\v');
                    break;
                case >= '0' and <= '7':
                {
                    var value = n - '0';
                    for (var k = 0; k < 2 && i < end && text[i] is >= '0' and <= '7'; k++)
                    {
                        value = value * 8 + (text[i++] - '0');
                    }

                    sb.Append((char)value);
                    break;
                }

                case 'x':
                    i = AppendHex(sb, text, i, end, 2, 'x');
                    break;
                case 'u' when !bytes:
                    i = AppendHex(sb, text, i, end, 4, 'u');
                    break;
                case 'U' when !bytes:
                    i = AppendHex(sb, text, i, end, 8, 'U');
                    break;
                default:
                    // Unknown escapes (and \N{...}) stay as written, as Python keeps unknown ones.
                    sb.Append('\\').Append(n);
                    break;
            }
        }

        return sb.ToString();
    }

    private static int AppendHex(StringBuilder sb, string text, int i, int end, int digits, char letter)
    {
        var value = 0;
        var k = 0;
        for (; k < digits && i + k < end && char.IsAsciiHexDigit(text[i + k]); k++)
        {
            value = value * 16 + HexValue(text[i + k]);
        }

        if (k < digits)
        {
            sb.Append('\\').Append(letter);
            return i;
        }

        if (value <= 0xFFFF)
        {
            sb.Append((char)value);
        }
        else if (value <= 0x10FFFF)
        {
            sb.Append(char.ConvertFromUtf32(value is >= 0xD800 and <= 0xDFFF ? 0xFFFD : value));
        }
        else
        {
            sb.Append('\uFFFD');
        }

        return i + digits;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
