using System.Globalization;

namespace ShapeSafe.Shapes;

/// <summary>Parses shapes written <c>128x3x64x64</c>, <c>Nx3x64x64</c>, <c>3,64,64</c> or <c>[1, 3, 64, 64]</c>.</summary>
public static class ShapeParser
{
    /// <summary>The largest size accepted for one dimension (PyTorch sizes are int64, but nothing real is larger).</summary>
    public const long MaxDim = 1L << 40;

    public static bool TryParse(string text, out Shape shape, out string error)
    {
        shape = new Shape();
        error = string.Empty;
        var trimmed = text.Trim().TrimStart('[', '(').TrimEnd(']', ')').Trim();
        if (trimmed.Length == 0)
        {
            error = "the shape is empty; write it batch first, e.g. 128x3x64x64 or Nx3x64x64";
            return false;
        }

        var parts = trimmed.Split(['x', 'X', ',', '*', '×'], StringSplitOptions.TrimEntries);
        var dims = new List<Dim>(parts.Length);
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
            else if (char.IsLetter(part[0]) && part.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                dims.Add(Dim.Sym(part));
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
}
