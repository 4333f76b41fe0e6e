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

    /// <summary>Channel counts above this are listed only when they are multiples of 8, as real wide layers are (96, 240, 384, ...).</summary>
    public const long MaxUnalignedChannels = 64;

    /// <summary>
    /// The hints for <paramref name="value"/>: every C x S x S = value with a plausible channel count C
    /// (at most <see cref="MaxChannels"/>, and a multiple of 8 above <see cref="MaxUnalignedChannels"/>), ordered so that
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

        var found = new List<(FactorHint Hint, double Score)>();
        for (long side = 1; side <= value / side; side++)
        {
            var area = side * side;
            if (value % area != 0)
            {
                continue;
            }

            var channels = value / area;
            if (!PlausibleChannels(channels))
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

        var root = (long)Math.Sqrt(value);
        while (root * root > value)
        {
            root--;
        }

        while ((root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return root * root == value ? root : null;
    }

    /// <summary>The largest trial divisor: beyond it a remaining cofactor is written as is (it may be composite).</summary>
    public const long MaxTrialDivisor = 1 << 20;

    /// <summary><c>2^4 * 3 * 5 * 11^2</c>; divisors are tried up to <see cref="MaxTrialDivisor"/>, so it stays fast for any 64-bit value.</summary>
    public static string PrimeFactorization(long value)
    {
        if (value <= 1)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var parts = new List<string>();
        var rest = value;
        for (long p = 2; p <= rest / p && p <= MaxTrialDivisor; p++)
        {
            var power = 0;
            while (rest % p == 0)
            {
                rest /= p;
                power++;
            }

            if (power > 0)
            {
                parts.Add(power == 1 ? $"{p}" : $"{p}^{power}");
            }
        }

        if (rest > 1)
        {
            parts.Add($"{rest}");
        }

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
