using System.Globalization;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// Parses Python-like integer expressions into <see cref="SymExpr"/>: integers, identifiers, binary <c>+ - * // %</c>
/// with Python's precedence (left-associative; <c>* // %</c> before <c>+ -</c>), unary <c>-</c> and <c>+</c> (binding
/// tighter than <c>*</c>, as in Python), and parentheses.
/// </summary>
internal sealed class SymExprParser
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private int _depth;
    private string? _error;

    private SymExprParser(string text) => _text = text;

    public static bool TryParse(string text, out SymExpr expr, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new SymExprParser(text);
        expr = SymExpr.Zero;
        error = string.Empty;
        try
        {
            var parsed = parser.ParseSum();
            parser.SkipSpaces();
            if (parsed is not null && parser._pos < text.Length)
            {
                parser.Fail($"unexpected '{text[parser._pos]}' at position {parser._pos + 1}");
                parsed = null;
            }

            if (parsed is null)
            {
                error = $"'{text}' is not an expression of sizes: {parser._error}";
                return false;
            }

            expr = parsed;
            return true;
        }
        catch (OverflowException)
        {
            error = $"'{text}' does not fit a 64-bit integer";
            return false;
        }
        catch (DivideByZeroException)
        {
            error = $"'{text}' divides by zero";
            return false;
        }
    }

    private SymExpr? ParseSum()
    {
        var left = ParseProduct();
        while (left is not null)
        {
            SkipSpaces();
            if (!TryTake('+', out var op) && !TryTake('-', out op))
            {
                return left;
            }

            var right = ParseProduct();
            if (right is null)
            {
                return null;
            }

            left = op == '+' ? left + right : left - right;
        }

        return null;
    }

    private SymExpr? ParseProduct()
    {
        var left = ParseUnary();
        while (left is not null)
        {
            SkipSpaces();
            string op;
            if (Peek("//"))
            {
                op = "//";
            }
            else if (Peek("*") && !Peek("**"))
            {
                op = "*";
            }
            else if (Peek("%"))
            {
                op = "%";
            }
            else
            {
                return left;
            }

            _pos += op.Length;
            var right = ParseUnary();
            if (right is null)
            {
                return null;
            }

            left = op switch
            {
                "*" => left * right,
                "//" => SymExpr.FloorDiv(left, right),
                _ => SymExpr.Mod(left, right),
            };
        }

        return null;
    }

    private SymExpr? ParseUnary()
    {
        SkipSpaces();
        if (TryTake('-', out _))
        {
            return Nested(() => ParseUnary()) is { } operand ? -operand : null;
        }

        if (TryTake('+', out _))
        {
            return Nested(() => ParseUnary());
        }

        return ParsePrimary();
    }

    private SymExpr? ParsePrimary()
    {
        SkipSpaces();
        if (_pos >= _text.Length)
        {
            return Fail("the expression ends too early");
        }

        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = Nested(() => ParseSum());
            SkipSpaces();
            if (inner is null)
            {
                return null;
            }

            return TryTake(')', out _) ? inner : Fail($"missing ')' at position {_pos + 1}");
        }

        if (char.IsAsciiDigit(c))
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            return long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? SymExpr.Constant(value)
                : throw new OverflowException();
        }

        if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            SkipSpaces();
            if (_pos < _text.Length && _text[_pos] == '(')
            {
                return Fail($"function calls such as '{_text[start.._pos].Trim()}(...)' are not sizes");
            }

            return SymExpr.Symbol(_text[start.._pos].TrimEnd());
        }

        return Fail($"unexpected '{c}' at position {_pos + 1}");
    }

    private SymExpr? Nested(Func<SymExpr?> parse)
    {
        if (++_depth > MaxDepth)
        {
            return Fail("the expression is nested too deeply");
        }

        var result = parse();
        _depth--;
        return result;
    }

    private SymExpr? Fail(string message)
    {
        _error ??= message;
        return null;
    }

    private bool Peek(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private bool TryTake(char c, out char taken)
    {
        taken = c;
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
