using System.Globalization;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers;

/// <summary>
/// Values written the way PyTorch prints them (Python floats, sizes, tuples), and the notes that
/// quote PyTorch's own messages, so every rule words them the same way.
/// </summary>
public static class PyTorchText
{
    /// <summary>A float as Python's repr writes it: 0.5, 1.0, 1e-05, 1e+16.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // The shortest digits that round-trip (the same in .NET and Python), placed as Python's repr
        // places them: positional when the decimal point falls within -4 < decpt <= 16, else d.ddde+XX.
        var (digits, decpt) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : string.Empty;
        if (decpt is > -4 and <= 16)
        {
            var text = decpt <= 0 ? "0." + new string('0', -decpt) + digits
                : digits.Length <= decpt ? digits + new string('0', decpt - digits.Length) + ".0"
                : digits[..decpt] + "." + digits[decpt..];
            return sign + text;
        }

        var exponent = decpt - 1;
        var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
        return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>The significant digits of a positive double and its decimal point: value = 0.digits * 10^decpt.</summary>
    private static (string Digits, int DecimalPoint) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        var all = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, integerDigits - leadingZeros + exponent);
    }

    /// <summary>A number as Python prints the value it was given: ints as ints, floats by <see cref="Float"/>.</summary>
    public static string Number(double value, bool isInt) =>
        isInt ? ((long)value).ToString(CultureInfo.InvariantCulture) : Float(value);

    /// <summary>A shape as PyTorch prints sizes in C++ messages: <c>[1, 16, 8, 8]</c>.</summary>
    public static string Sizes(Shape shape) => shape.ToTorchString();

    /// <summary>A shape as Python prints <c>input.size()</c>: <c>torch.Size([1, 16])</c>.</summary>
    public static string TorchSize(Shape shape) => $"torch.Size({shape.ToTorchString()})";

    /// <summary>A list of ints as Python prints it: <c>[2, 3]</c>.</summary>
    public static string List(IEnumerable<long> values) => "[" + string.Join(", ", values.Select(Int)) + "]";

    /// <summary>A tuple of ints as Python prints it: <c>(2, 3)</c>, <c>(2,)</c>.</summary>
    public static string Tuple(IEnumerable<long> values)
    {
        var items = values.Select(Int).ToList();
        return items.Count == 1 ? $"({items[0]},)" : "(" + string.Join(", ", items) + ")";
    }

    /// <summary>The note that quotes the error PyTorch raises in forward.</summary>
    public static string RunTime(string message) => $"PyTorch would fail at run time with: {message}";

    /// <summary>The note that quotes the error PyTorch raises when the layer is constructed.</summary>
    public static string Construction(string message) => $"PyTorch would fail when creating the layer with: {message}";

    /// <summary>The note that quotes the error PyTorch raises only in training mode.</summary>
    public static string Training(string message) => $"PyTorch would fail in training mode with: {message}";

    /// <summary>The note that quotes a warning PyTorch prints.</summary>
    public static string Warns(string message) => $"PyTorch warns: {message}";

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
