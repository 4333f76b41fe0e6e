using System.Globalization;
using System.Numerics;

namespace ShapeSafe.Syntax;

/// <summary>
/// Parses and evaluates one Python expression of a constructor argument (ints, floats, strings,
/// booleans, None, tuples and lists, and + - * / // % ** with Python's semantics), keeping its source text.
/// </summary>
internal sealed class ExpressionParser(string line, int lineNumber, List<Token> tokens)
{
    private int _pos;

    public int Position
    {
        get => _pos;
        set => _pos = value;
    }

    public Token Peek => tokens[_pos];

    public Token Next() => tokens[_pos++];

    public bool Accept(string punct)
    {
        if (Peek.Kind == TokenKind.Punct && Peek.Text == punct)
        {
            _pos++;
            return true;
        }

        return false;
    }

    public Token Expect(string punct, string what)
    {
        if (Peek.Kind == TokenKind.Punct && Peek.Text == punct)
        {
            return Next();
        }

        throw Error(Peek.Kind == TokenKind.End ? $"expected '{punct}' {what}, but the line ends" : $"expected '{punct}' {what}, found '{Peek.Text}'", Peek);
    }

    public SyntaxError Error(string message, Token at) => new(message, at.Start, Math.Max(at.End, at.Start + 1));

    public ArgValue ParseExpression()
    {
        var start = Peek.Start;
        var left = ParseTerm();
        while (Peek.Kind == TokenKind.Punct && Peek.Text is "+" or "-")
        {
            var op = Next();
            var right = ParseTerm();
            left = Binary(op, left, right, start);
        }

        return left;
    }

    private ArgValue ParseTerm()
    {
        var start = Peek.Start;
        var left = ParseUnary();
        while (Peek.Kind == TokenKind.Punct && Peek.Text is "*" or "/" or "//" or "%")
        {
            var op = Next();
            var right = ParseUnary();
            left = Binary(op, left, right, start);
        }

        return left;
    }

    private ArgValue ParseUnary()
    {
        if (Peek.Kind == TokenKind.Punct && Peek.Text is "-" or "+")
        {
            var op = Next();
            var operand = ParseUnary();
            var text = line[op.Start..End(operand)];
            var span = SpanOf(op.Start, End(operand));
            return (operand.Kind, op.Text) switch
            {
                (ArgKind.Int, "-") => ArgValue.OfInt(checked(-operand.Int), span, text),
                (ArgKind.Int, _) => ArgValue.OfInt(operand.Int, span, text),
                (ArgKind.Float, "-") => ArgValue.OfFloat(-operand.Float, span, text),
                (ArgKind.Float, _) => ArgValue.OfFloat(operand.Float, span, text),
                _ => throw Error($"bad operand type for unary {op.Text}: '{operand.PythonTypeName}'", op),
            };
        }

        return ParsePower();
    }

    private ArgValue ParsePower()
    {
        var start = Peek.Start;
        var atom = ParseAtom();
        if (Peek.Kind == TokenKind.Punct && Peek.Text == "**")
        {
            var op = Next();
            var exponent = ParseUnary();
            return Binary(op, atom, exponent, start);
        }

        return atom;
    }

    private ArgValue ParseAtom()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Int:
                Next();
                if (!long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error($"the integer {t.Text} is too large (at most {long.MaxValue})", t);
                }

                return ArgValue.OfInt(value, SpanOf(t.Start, t.End), SourceText(t));
            case TokenKind.Float:
                Next();
                var f = double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsInfinity(f))
                {
                    throw Error($"the number {t.Text} is too large", t);
                }

                return ArgValue.OfFloat(f, SpanOf(t.Start, t.End), SourceText(t));
            case TokenKind.String:
                Next();
                return ArgValue.OfString(t.Text, SpanOf(t.Start, t.End), line[t.Start..t.End]);
            case TokenKind.Name:
                Next();
                return t.Text switch
                {
                    "True" => ArgValue.OfBool(true, SpanOf(t.Start, t.End), t.Text),
                    "False" => ArgValue.OfBool(false, SpanOf(t.Start, t.End), t.Text),
                    "None" => ArgValue.OfNone(SpanOf(t.Start, t.End), t.Text),
                    _ => throw Error(t.Text is "true" or "false" or "none" or "null"
                        ? $"'{t.Text}' is not Python; write {char.ToUpperInvariant(t.Text[0])}{t.Text[1..]}".Replace("Null", "None", StringComparison.Ordinal)
                        : $"'{t.Text}' is not a value; arguments must be numbers, strings, True/False/None or tuples", t),
                };
            case TokenKind.Punct when t.Text is "(" or "[":
                return ParseParenthesized();
            case TokenKind.End:
                throw Error("expected a value, but the line ends", t);
            default:
                throw Error($"expected a value, found '{t.Text}'", t);
        }
    }

    private ArgValue ParseParenthesized()
    {
        var open = Next();
        var close = open.Text == "(" ? ")" : "]";
        var items = new List<ArgValue>();
        var sawComma = false;
        while (!(Peek.Kind == TokenKind.Punct && Peek.Text == close))
        {
            if (Peek.Kind == TokenKind.End)
            {
                throw new SyntaxError($"'{open.Text}' is never closed", open.Start, open.End);
            }

            items.Add(ParseExpression());
            if (Accept(","))
            {
                sawComma = true;
            }
            else if (!(Peek.Kind == TokenKind.Punct && Peek.Text == close))
            {
                throw Error(Peek.Kind == TokenKind.End ? $"'{open.Text}' is never closed" : $"expected ',' or '{close}', found '{Peek.Text}'",
                    Peek.Kind == TokenKind.End ? open : Peek);
            }
        }

        var end = Next().End;
        var text = line[open.Start..end];
        var span = SpanOf(open.Start, end);
        if (open.Text == "(" && items.Count == 1 && !sawComma)
        {
            // A parenthesized expression, not a tuple.
            return items[0] with { Span = span, Text = text };
        }

        return ArgValue.OfTuple(items, span, text);
    }

    private ArgValue Binary(Token op, ArgValue a, ArgValue b, int start)
    {
        var end = End(b);
        var text = line[start..end];
        var span = SpanOf(start, end);
        if (a.Kind == ArgKind.Int && b.Kind == ArgKind.Int)
        {
            long x = a.Int, y = b.Int;
            switch (op.Text)
            {
                case "+": return ArgValue.OfInt(checked(x + y), span, text);
                case "-": return ArgValue.OfInt(checked(x - y), span, text);
                case "*": return ArgValue.OfInt(checked(x * y), span, text);
                case "/": return y == 0 ? throw Error("division by zero", op) : ArgValue.OfFloat((double)x / y, span, text);
                case "//": return y == 0 ? throw Error("integer division by zero", op) : ArgValue.OfInt(FloorDiv(x, y), span, text);
                case "%": return y == 0 ? throw Error("integer modulo by zero", op) : ArgValue.OfInt(x - (FloorDiv(x, y) * y), span, text);
                case "**":
                    if (y < 0)
                    {
                        return ArgValue.OfFloat(Math.Pow(x, y), span, text);
                    }

                    var p = BigInteger.Pow(x, (int)Math.Min(y, 4096));
                    return p > long.MaxValue || p < long.MinValue
                        ? throw Error($"{text} is too large (at most {long.MaxValue})", op)
                        : ArgValue.OfInt((long)p, span, text);
            }
        }

        if (a.Kind is ArgKind.Int or ArgKind.Float && b.Kind is ArgKind.Int or ArgKind.Float)
        {
            double x = a.Kind == ArgKind.Int ? a.Int : a.Float, y = b.Kind == ArgKind.Int ? b.Int : b.Float;
            if (y == 0 && op.Text is "/" or "//" or "%")
            {
                throw Error("float division by zero", op);
            }

            var r = op.Text switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                "//" => Math.Floor(x / y),
                "%" => x - (Math.Floor(x / y) * y),
                _ => Math.Pow(x, y),
            };
            return double.IsFinite(r) ? ArgValue.OfFloat(r, span, text) : throw Error($"{text} is too large", op);
        }

        if (a.Kind == ArgKind.Tuple && b.Kind == ArgKind.Tuple && op.Text == "+")
        {
            return ArgValue.OfTuple([.. a.Items, .. b.Items], span, text);
        }

        if (a.Kind == ArgKind.Tuple && b.Kind == ArgKind.Int && op.Text == "*" && b.Int is >= 0 and <= 16)
        {
            return ArgValue.OfTuple(Enumerable.Range(0, (int)b.Int).SelectMany(_ => a.Items).ToList(), span, text);
        }

        throw Error($"unsupported operand types for {op.Text}: '{a.PythonTypeName}' and '{b.PythonTypeName}'", op);
    }

    private static long FloorDiv(long x, long y)
    {
        var q = x / y;
        return (x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q;
    }

    /// <summary>A number token's source text: its text, unless digits were grouped with _ (which the text drops).</summary>
    private string SourceText(Token t) => t.Text.Length == t.End - t.Start ? t.Text : line[t.Start..t.End];

    private static int End(ArgValue v) => v.Span.EndColumn - 1;

    public SourceSpan SpanOf(int start, int end) => new(lineNumber, start + 1, end + 1);
}
