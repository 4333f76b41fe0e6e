using System.Globalization;

namespace ShapeSafe.Cli.Rendering;

/// <summary>Human-readable numbers for tables: 1,234,567 counts, 12.3M multiply-adds, 4.5 MB.</summary>
public static class Units
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Short(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1_000_000 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Megabytes (10^6 bytes) with two decimals, as summary tools print them.</summary>
    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
