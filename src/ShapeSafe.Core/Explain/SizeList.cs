using System.Globalization;

namespace ShapeSafe.Explain;

/// <summary>Parses the size lists of PyTorch messages: <c>16, 3, 3, 3</c>, <c>2 x 2</c>, <c>32x1x1</c>, <c>-1, 2048</c>.</summary>
public static class SizeList
{
    /// <summary>The sizes, or null when any item is not an integer that fits 64 bits.</summary>
    public static long[]? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        var parts = trimmed.Split([',', 'x'], StringSplitOptions.TrimEntries);
        var sizes = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sizes[i]))
            {
                return null;
            }
        }

        return sizes;
    }

    /// <summary>A non-negative integer from a regex group, or null when it overflows.</summary>
    public static long? Long(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The product, or null on overflow or a negative item.</summary>
    public static long? Product(IEnumerable<long> sizes)
    {
        long product = 1;
        foreach (var s in sizes)
        {
            if (s < 0)
            {
                return null;
            }

            try
            {
                product = checked(product * s);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return product;
    }

    /// <summary><c>2x2</c> for sizes printed as spatial sizes.</summary>
    public static string Spatial(IEnumerable<long> sizes) => string.Join("x", sizes);
}
