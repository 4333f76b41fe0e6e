using System.Text;

namespace ShapeSafe.Explain;

/// <summary>
/// Arithmetic on flattened sizes: the channels x side x side forms a size can have (square feature
/// maps), ordered by plausibility, and the channel count under which two sizes differ only in map size.
/// </summary>
public static class FactorAnalysis
{
    /// <summary>The most hints listed.</summary>
    public const int MaxHints = 6;

    /// <summary>Channel counts above this are not listed (no real layer has more channels at a Flatten).</summary>
    public const long MaxChannels = 4096;

    /// <summary>Map sides above this are not listed (no feature map reaching a Flatten is wider).</summary>
    public const long MaxSide = 1 << 16;

    /// <summary>Channel counts above this are listed only when they are multiples of 8, as real wide layers are (96, 240, 384, ...).</summary>
    public const long MaxUnalignedChannels = 64;

    /// <summary>
    /// The hints for <paramref name="value"/>: every C x S x S = value with a plausible channel count C
    /// (at most <see cref="MaxChannels"/>, and a multiple of 8 above <see cref="MaxUnalignedChannels"/>) and side S at most
    /// <see cref="MaxSide"/>, ordered so that
    /// balanced shapes (C close to S, fewer channels than the side counting double) and channel counts that are
    /// multiples of 8 or 16 come first.
    /// </summary>
    public static FactorHints? Hints(long value, int max = MaxHints)
    {
        if (value <= 0)
        {
            return null;
        }

        return new FactorHints(value, Candidates(value).Take(max).ToArray(), PrimeFactorization(value));
    }

    /// <summary>All plausible C x S x S forms of <paramref name="value"/>, most plausible first.</summary>
    public static IEnumerable<FactorHint> Candidates(long value)
    {
        if (value <= 0)
        {
            yield break;
        }

        // Channel counts first: at most MaxChannels of them, each a division and an integer square root, so any
        // 64-bit value answers at once (a search over the side would take sqrt(value) steps).
        var found = new List<(FactorHint Hint, double Score)>();
        for (long channels = 1; channels <= MaxChannels && channels <= value; channels++)
        {
            if (!PlausibleChannels(channels) || value % channels != 0 || SquareRoot(value / channels) is not { } side || side > MaxSide)
            {
                continue;
            }

            found.Add((new FactorHint(channels, side), Score(channels, side)));
        }

        foreach (var (hint, _) in found.OrderBy(f => f.Score).ThenBy(f => f.Hint.Side))
        {
            yield return hint;
        }
    }

    /// <summary>
    /// A channel count C under which <paramref name="actual"/> = C x a x a and <paramref name="expected"/> = C x e x e,
    /// taking the most plausible C for <paramref name="actual"/>; null when there is none with a != e.
    /// </summary>
    public static (long Channels, long ActualSide, long ExpectedSide)? CommonChannels(long actual, long expected)
    {
        if (actual <= 0 || expected <= 0 || actual == expected)
        {
            return null;
        }

        foreach (var hint in Candidates(actual))
        {
            if (expected % hint.Channels == 0 && SquareRoot(expected / hint.Channels) is { } side && side != hint.Side)
            {
                return (hint.Channels, hint.Side, side);
            }
        }

        return null;
    }

    /// <summary>The integer square root of <paramref name="value"/> when it is a perfect square, else null.</summary>
    public static long? SquareRoot(long value)
    {
        if (value < 0)
        {
            return null;
        }

        // Math.Sqrt is off by a little for values near 2^63; correct it in 128-bit arithmetic, which cannot overflow.
        var root = (long)Math.Sqrt(value);
        while (root > 0 && (Int128)root * root > value)
        {
            root--;
        }

        while ((Int128)(root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return (Int128)root * root == value ? root : null;
    }

    /// <summary><c>2^4 * 3 * 5 * 11^2</c>: the exact prime factorization, in milliseconds for any 64-bit value.</summary>
    public static string PrimeFactorization(long value)
    {
        if (value <= 1)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var parts = IntegerFactorizer.Factor(value)
            .GroupBy(p => p)
            .Select(g => g.Count() == 1 ? $"{g.Key}" : $"{g.Key}^{g.Count()}");
        var text = new StringBuilder();
        text.AppendJoin(" * ", parts);
        return text.ToString();
    }

    private static bool PlausibleChannels(long channels) =>
        channels <= MaxChannels && (channels <= MaxUnalignedChannels || channels % 8 == 0);

    // Balanced shapes first (|ln(C/S)|; at a Flatten, maps with fewer channels than their side are rarer, so that
    // side counts double), with a bonus for the channel counts layers are usually given.
    private static double Score(long channels, long side)
    {
        var bonus = channels % 16 == 0 ? 0.6 : channels % 8 == 0 ? 0.4 : 0;
        var ratio = Math.Log((double)channels / side);
        return (ratio < 0 ? -2 * ratio : ratio) - bonus;
    }
}
