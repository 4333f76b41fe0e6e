using System.Globalization;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// Human-readable numbers for tables, one format for every count (1,234,567: parameters, multiply-adds, totals) and one
/// for memory (4.50 MB); an unknown value (a symbolic size, an overflow) is "?", never 0.
/// </summary>
public static class Units
{
    /// <summary>The text of an unknown value.</summary>
    public const string Unknown = "?";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(long? value) => value is { } v ? Count(v) : Unknown;

    /// <summary>Megabytes (10^6 bytes) with two decimals, as summary tools print them.</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB";

    public static string Megabytes(long? bytes) => bytes is { } b ? Megabytes(b) : Unknown;
}
