using System.Globalization;
using ShapeSafe.Shapes.Symbolic;

namespace ShapeSafe.Shapes;

/// <summary>
/// Parses shapes written <c>128x3x64x64</c>, <c>Nx3x64x64</c>, <c>3,64,64</c> or <c>[1, 3, 64, 64]</c>. A dimension in
/// parentheses is an expression of names, as <see cref="Shape.ToString"/> writes it: <c>Nx(2*N)x(H-2)</c>.
/// </summary>
public static class ShapeParser
{
    /// <summary>The largest size accepted for one dimension (PyTorch sizes are int64, but nothing real is larger).</summary>
    public const long MaxDim = 1L << 40;

    public static bool TryParse(string text, out Shape shape, out string error)
    {
        shape = new Shape();
        error = string.Empty;
        var trimmed = Unwrap(text.Trim());
        if (trimmed.Length == 0)
        {
            error = "the shape is empty; write it batch first, e.g. 128x3x64x64 or Nx3x64x64";
            return false;
        }

        if (!TrySplit(trimmed, out var parts))
        {
            error = $"'{text}' has unbalanced parentheses; write an expression dimension as (2*N)";
            return false;
        }

        var dims = new List<Dim>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                error = $"'{text}' has an empty dimension; write it batch first, e.g. 128x3x64x64";
                return false;
            }

            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                if (value <= 0 || value > MaxDim)
                {
                    error = $"dimension '{part}' in '{text}' must be a positive size no larger than {MaxDim}";
                    return false;
                }

                dims.Add(Dim.Known(value));
            }
            else if (char.IsLetter(part[0]) && SymbolAtom.CheckIdentifier(part))
            {
                dims.Add(Dim.Sym(part));
            }
            else if (part[0] == '(')
            {
                if (!SymExpr.TryParse(part, out var expression, out var expressionError))
                {
                    error = $"dimension {expressionError}";
                    return false;
                }

                var dim = Dim.FromExpression(expression);
                if (dim.IsKnown && (dim.Value <= 0 || dim.Value > MaxDim))
                {
                    error = $"dimension '{part}' in '{text}' must be a positive size no larger than {MaxDim}";
                    return false;
                }

                dims.Add(dim);
            }
            else
            {
                error = $"dimension '{part}' in '{text}' is neither a positive integer nor a name such as N";
                return false;
            }
        }

        shape = new Shape(dims);
        return true;
    }

    public static Shape Parse(string text) =>
        TryParse(text, out var shape, out var error) ? shape : throw new FormatException(error);

    /// <summary>Strips brackets or parentheses that enclose the whole text: <c>[1, 3]</c>, <c>(1, 3)</c>.</summary>
    private static string Unwrap(string text)
    {
        while (text.Length >= 2 && ((text[0] == '[' && text[^1] == ']') || (text[0] == '(' && ClosingParen(text, 0) == text.Length - 1)))
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    private static int ClosingParen(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits on x, X, comma, * and × outside parentheses.</summary>
    private static bool TrySplit(string text, out List<string> parts)
    {
        parts = [];
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth < 0)
            {
                return false;
            }
            else if (depth == 0 && c is 'x' or 'X' or ',' or '*' or '×')
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return depth == 0;
    }
}
