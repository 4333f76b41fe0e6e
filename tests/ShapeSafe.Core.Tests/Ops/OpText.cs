using System.Globalization;
using ShapeSafe.Ops;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Ops;

/// <summary>
/// Shapes and results as test tables write them: <c>2x3x4</c>, <c>0x3</c>, <c>scalar</c>, <c>Nx8192</c>,
/// <c>(4*N)x2048</c>; a result is its shape, its shapes joined by commas, its size, <c>?</c> when unknown, or its code.
/// </summary>
internal static class OpText
{
    public static Shape S(string text)
    {
        if (text == "scalar")
        {
            return new Shape();
        }

        var dims = new List<Dim>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == 'x' && depth == 0))
            {
                dims.Add(ParseDim(text[start..i]));
                start = i + 1;
            }
            else if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
        }

        return new Shape(dims);
    }

    public static Dim ParseDim(string part) =>
        long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? Dim.Known(v) : Dim.Sym(part.Trim('(', ')'));

    /// <summary>Comma-separated sizes (<c>-1,2048</c>, or empty for none) as a list of dims.</summary>
    public static Dim[] Dims(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => ParseDim(p.Trim())).ToArray();

    public static long[] Longs(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => long.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();

    public static Shape[] List(string text) => text.Split(',').Select(p => S(p.Trim())).ToArray();

    public static string Show(OpResult r) =>
        r.Error is { } e ? e.Code
        : r.Output is { } o ? o.ToString()
        : r.Outputs is { } many ? string.Join(",", many.Select(s => s.ToString()))
        : r.Size is { } size ? size.ToString()
        : "?";
}
