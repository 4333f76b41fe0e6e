using System.Text;

namespace ShapeSafe.Python.Syntax;

/// <summary>String literals: adjacent literals concatenated, f-strings split into literal text and parsed fields.</summary>
public sealed partial class PythonParser
{
    private StringExpr ParseStrings()
    {
        var start = CurStart;
        string? single = null;
        StringBuilder? sb = null;
        List<Expr>? parts = null;
        var isBytes = false;
        var isFString = false;
        var first = true;
        while (Kind == PyTokenKind.String)
        {
            var t = Bump();
            var bytes = (t.Flags & PyTokenFlags.Bytes) != 0;
            if (first)
            {
                isBytes = bytes;
            }
            else if (bytes != isBytes)
            {
                Error(t.Range, "cannot mix bytes and nonbytes literals");
            }

            string value;
            if ((t.Flags & PyTokenFlags.FString) != 0)
            {
                isFString = true;
                value = ParseFString(t, parts ??= new List<Expr>());
            }
            else
            {
                value = t.Value ?? string.Empty;
            }

            if (first)
            {
                single = value;
            }
            else
            {
                (sb ??= new StringBuilder(single)).Append(value);
            }

            first = false;
        }

        return new StringExpr(sb?.ToString() ?? single ?? string.Empty, isBytes, isFString, parts ?? NoExprs, RangeFrom(start));
    }

    /// <summary>The f-string's text with fields kept as written; each field's expression (format-spec fields too) goes to <paramref name="parts"/>.</summary>
    private string ParseFString(PyToken t, List<Expr> parts)
    {
        var quote = t.Start;
        while (quote < t.End && text[quote] is not ('\'' or '"'))
        {
            quote++;
        }

        var flags = t.Flags & ~PyTokenFlags.Triple;
        var raw = (flags & PyTokenFlags.Raw) != 0;
        var fields = new List<FStringField>();
        var scanner = new PyStringScanner(text, t.End, fields);
        var end = scanner.ScanLiteral(quote, ref flags, 0, out var bodyStart, out var bodyEnd);
        if (end < 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder(bodyEnd - bodyStart);
        var cursor = bodyStart;
        foreach (var field in fields)
        {
            if (!field.TopLevel || field.End == 0)
            {
                continue;
            }

            AppendLiteral(sb, cursor, field.Open, raw);
            sb.Append(text, field.Open, field.End - field.Open);
            cursor = field.End;
        }

        AppendLiteral(sb, cursor, bodyEnd, raw);
        foreach (var field in fields)
        {
            if (field.End != 0)
            {
                parts.Add(ParseField(field));
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends literal f-string text: <c>{{</c> and <c>}}</c> halved, escapes decoded unless raw.</summary>
    private void AppendLiteral(StringBuilder sb, int start, int end, bool raw)
    {
        var segment = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < end && text[i + 1] == c)
            {
                AppendDecoded(sb, segment, i + 1, raw);
                i++;
                segment = i + 1;
            }
        }

        AppendDecoded(sb, segment, end, raw);
    }

    private void AppendDecoded(StringBuilder sb, int start, int end, bool raw)
    {
        if (end <= start)
        {
            return;
        }

        if (raw)
        {
            sb.Append(text, start, end - start);
        }
        else
        {
            sb.Append(PyStringScanner.Decode(text, start, end, bytes: false));
        }
    }

    /// <summary>Parses one replacement field's expression with a tokenizer over its exact range (ranges stay file offsets).</summary>
    private Expr ParseField(FStringField field)
    {
        var exprStart = field.ExprStart;
        var exprEnd = field.ExprEnd;
        var blank = true;
        for (var i = exprStart; i < exprEnd && blank; i++)
        {
            blank = char.IsWhiteSpace(text[i]);
        }

        if (blank)
        {
            Error(new TextRange(field.Open, field.End), "f-string: valid expression required before '}'");
            return new ErrorExpr(new TextRange(exprStart, exprEnd));
        }

        if (!Enter())
        {
            Error(new TextRange(exprStart, exprEnd), "too deeply nested");
            return new ErrorExpr(new TextRange(exprStart, exprEnd));
        }

        var tokenizer = new PyTokenizer(source, exprStart, exprEnd, fieldMode: true);
        var sub = new PythonParser(source, tokenizer.Tokenize(), errors, depth);
        var e = sub.ParseStarExpressionsOrYield();
        if (sub.Kind != PyTokenKind.EndOfFile)
        {
            sub.ReportUnexpected("f-string: expecting '}'");
        }

        Leave();
        return e;
    }
}
