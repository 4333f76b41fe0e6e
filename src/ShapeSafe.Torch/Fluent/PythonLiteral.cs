using System.Globalization;

namespace ShapeSafe.Torch.Fluent;

/// <summary>Writes C# values as Python literals for model-file text: 3, 0.25, True, None, (2, 2), 'same'.</summary>
internal static class PythonLiteral
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        float f => Float(f),
        string s => $"'{s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'",
        (long a, long b) => $"({Of(a)}, {Of(b)})",
        (int a, int b) => $"({Of(a)}, {Of(b)})",
        long[] items => Tuple(items.Cast<object?>()),
        int[] items => Tuple(items.Cast<object?>()),
        _ => throw new ArgumentException($"{value.GetType().Name} has no model-file literal", nameof(value)),
    };

    private static string Float(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentException($"{d} has no model-file literal", nameof(d));
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text.Replace("E", "e", StringComparison.Ordinal) : text + ".0";
    }

    private static string Tuple(IEnumerable<object?> items)
    {
        var parts = items.Select(Of).ToArray();
        return parts.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }
}
