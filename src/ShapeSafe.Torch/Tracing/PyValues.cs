using System.Globalization;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>Constructor argument values as Python writes them, with no source position (the call builder places them).</summary>
internal static class PyValues
{
    public static ArgValue Int(long value) => ArgValue.OfInt(value, SourceSpan.None, value.ToString(CultureInfo.InvariantCulture));

    public static ArgValue Float(double value) => ArgValue.OfFloat(value, SourceSpan.None, FloatText(value));

    public static ArgValue Bool(bool value) => ArgValue.OfBool(value, SourceSpan.None, value ? "True" : "False");

    public static ArgValue Str(string value) => ArgValue.OfString(value, SourceSpan.None, $"'{value}'");

    public static ArgValue None() => ArgValue.OfNone(SourceSpan.None, "None");

    public static ArgValue Tuple(IReadOnlyList<ArgValue> items) => ArgValue.OfTuple(items, SourceSpan.None, TupleText(items));

    /// <summary>An int-or-tuple value as PyTorch's _pair would have been given it: one int when all sizes agree.</summary>
    public static ArgValue IntOrTuple(IReadOnlyList<long> values) =>
        values.Count > 0 && values.All(v => v == values[0]) ? Int(values[0]) : Tuple(values.Select(Int).ToArray());

    /// <summary>Python's repr of a float: <c>1e-05</c>, <c>0.1</c>, <c>1.0</c>.</summary>
    public static string FloatText(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "float('inf')";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "float('-inf')";
        }

        if (double.IsNaN(value))
        {
            return "float('nan')";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        if (text.Contains('e', StringComparison.Ordinal))
        {
            // Python writes 1e-05, not 1e-5.
            var at = text.IndexOf('e', StringComparison.Ordinal);
            var mantissa = text[..at];
            var exponent = text[(at + 1)..];
            var sign = exponent.StartsWith('-') ? "-" : "+";
            var digits = exponent.TrimStart('-', '+').PadLeft(2, '0');
            return $"{mantissa}e{sign}{digits}";
        }

        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string TupleText(IReadOnlyList<ArgValue> items) =>
        "(" + string.Join(", ", items.Select(i => i.Text)) + (items.Count == 1 ? ",)" : ")");
}
