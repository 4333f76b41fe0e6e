using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Inference;

/// <summary>
/// Fixes that need the whole model rather than one layer: the AdaptiveAvgPool that makes a
/// classifier's expected size come true, and the input size at which the file as written is valid.
/// </summary>
internal static class ModelFixes
{
    private const int MaxSearchedSize = 4096;

    /// <summary>The largest square size searched: four times the current one, at least 512, at most 4096.</summary>
    private static long SearchLimit(long current) => Math.Min(MaxSearchedSize, Math.Max(4 * current, 512));

    /// <summary>Adds the whole-model fixes to the first failure, reported by layer <paramref name="failingIndex"/> on the input <c>flow.Current</c>.</summary>
    public static Diagnostic Enrich(Diagnostic failure, ModelFile file, int failingIndex, LayerCall failing, Flow flow, Shape? input, LayerRegistry registry)
    {
        var fixes = new List<Fix>(failure.Fixes);
        if (failure.Descriptor == DiagnosticCatalog.LinearInFeatures && flow.FlattenedFrom is { Rank: 3 or 4 } preFlatten && flow.FlattenCall is { } flatten
            && long.TryParse(failure.Expected?.Value, out var expected) && AdaptivePoolFor(preFlatten, expected) is { } pool)
        {
            var prefix = flatten.LineText[..(flatten.TypeSpan.Column - 1)].TrimEnd().EndsWith("nn.", StringComparison.Ordinal) ? "nn." : string.Empty;
            fixes.Add(new Fix($"insert {pool} before {flatten.Name ?? "Flatten"} (line {flatten.Line}), so that {expected} features reach it at any input size",
                Applicability.MaybeIncorrect, [TextEdit.InsertLine(flatten.Line, prefix + pool)]));
        }

        if (input is not null && flow.Current is { } failingInput && ValidInputSizes(file, input, failingIndex, failing.Line, failingInput, registry) is { } sizes)
        {
            var (low, high) = sizes;
            var range = low == high ? string.Empty
                : high >= SearchLimit(input[2].Value) ? $" (any size from {Square(input, low)} up works)"
                : $" (any size from {Square(input, low)} to {Square(input, high)} works)";
            var text = $"make the input {Square(input, low)}, the size at which the file as written is valid{range}";
            fixes.Add(file.Input is { } declared && declared.Shape.Equals(input)
                ? new Fix(text, Applicability.MaybeIncorrect, [TextEdit.Replace(declared.ShapeSpan, Square(input, low).ToString())])
                : new Fix(text + $": pass --input {Square(input, low)}", Applicability.MaybeIncorrect, []));
        }

        return failure with { Fixes = fixes };
    }

    /// <summary>"AdaptiveAvgPool2d((8, 8))" when expected = C*h*w for the channels C that reach Flatten, keeping the aspect ratio.</summary>
    private static string? AdaptivePoolFor(Shape preFlatten, long expected)
    {
        var channels = preFlatten[1];
        if (!channels.IsKnown || channels.Value <= 0 || expected % channels.Value != 0)
        {
            return null;
        }

        var spatial = expected / channels.Value;
        if (preFlatten.Rank == 3)
        {
            return $"AdaptiveAvgPool1d({spatial})";
        }

        var (h, w) = (preFlatten[2], preFlatten[3]);
        var ratio = h.IsKnown && w.IsKnown && w.Value > 0 ? (double)h.Value / w.Value : 1.0;
        (long H, long W)? best = null;
        for (long a = 1; a * a <= spatial; a++)
        {
            if (spatial % a != 0)
            {
                continue;
            }

            foreach (var (hh, ww) in new[] { (a, spatial / a), (spatial / a, a) })
            {
                if (best is null || Math.Abs(Math.Log((double)hh / ww / ratio)) < Math.Abs(Math.Log((double)best.Value.H / best.Value.W / ratio)))
                {
                    best = (hh, ww);
                }
            }
        }

        return best is { } b ? $"AdaptiveAvgPool2d(({b.H}, {b.W}))" : null;
    }

    /// <summary>
    /// The contiguous range of square spatial sizes nearest the current one at which no layer up to <paramref name="line"/>
    /// fails: the first size that works, going outwards from the current one (the smaller first at equal distance),
    /// widened both ways. Each size is tried with a check cut short (<see cref="Probe"/>): it runs only the layers that can
    /// report on a line up to <paramref name="line"/>, and stops at the first error there. Two bounds end the search early:
    /// when the failing layer's input is the same at every size (after adaptive pooling), no size can work; and when the
    /// failing layer compares a written size with an input size (in_features), a size at which the input size is already
    /// too large (too small) rules out every larger (smaller) size. Both rest on every layer's output size being a
    /// non-decreasing function of its input size, which holds for convolution, pooling, padding, upsampling, flattening
    /// and the layers that keep or fix sizes. <see cref="ValidInputSizesBySearch"/> is the same search without the
    /// shortcuts; tests hold the two equal.
    /// </summary>
    internal static (long Low, long High)? ValidInputSizes(ModelFile file, Shape input, int failingIndex, int line, Shape failingInput, LayerRegistry registry)
    {
        if (!IsSquare(input))
        {
            return null;
        }

        var lastLayer = LastLayerReportingUpTo(file.Layers, line);
        if (SameInputAtEverySize(file, input, failingIndex, failingInput, registry))
        {
            return null;
        }

        var current = input[2].Value;
        var limit = SearchLimit(current);
        var tooLargeFrom = long.MaxValue; // every size from here up fails
        var tooSmallUpTo = 0L; // every size up to here fails

        bool Ok(long size)
        {
            var probe = new Probe(lastLayer, d => Fails(d, line));
            ShapeChecker.Run(file, Square(input, size), registry, suggestFixes: false, probe);
            if (probe.StoppedOn is not { } failure)
            {
                return true;
            }

            if (probe.StoppedAtLayer == failingIndex && SizeComparison(failure) is { } comparison)
            {
                if (comparison > 0)
                {
                    tooLargeFrom = Math.Min(tooLargeFrom, size);
                }
                else
                {
                    tooSmallUpTo = Math.Max(tooSmallUpTo, size);
                }
            }

            return false;
        }

        for (long delta = 1; delta <= limit; delta++)
        {
            foreach (var size in (ReadOnlySpan<long>)[current - delta, current + delta])
            {
                if (size < 1 || size > limit || size >= tooLargeFrom || size <= tooSmallUpTo || !Ok(size))
                {
                    continue;
                }

                var low = size;
                while (low > 1 && Ok(low - 1))
                {
                    low--;
                }

                var high = size;
                while (high < limit && Ok(high + 1))
                {
                    high++;
                }

                // The smallest size of the nearest valid range is the one the layers divide exactly (32, not 35, for two 2x2 pools).
                return (low, high);
            }

            var below = current - delta - 1;
            var above = current + delta + 1;
            if ((below < 1 || below <= tooSmallUpTo) && (above > limit || above >= tooLargeFrom))
            {
                return null; // nothing left to try on either side
            }
        }

        return null;
    }

    /// <summary>The search of <see cref="ValidInputSizes"/> done the long way: every size, each with a whole check.</summary>
    internal static (long Low, long High)? ValidInputSizesBySearch(ModelFile file, Shape input, int line, LayerRegistry registry)
    {
        if (!IsSquare(input))
        {
            return null;
        }

        var current = input[2].Value;
        var ok = (long size) => !ShapeChecker.Check(file, Square(input, size), registry, suggestFixes: false).Diagnostics.Any(d => Fails(d, line));
        var limit = SearchLimit(current);
        for (long delta = 1; delta <= limit; delta++)
        {
            foreach (var size in new[] { current - delta, current + delta })
            {
                if (size < 1 || size > limit || !ok(size))
                {
                    continue;
                }

                var low = size;
                while (low > 1 && ok(low - 1))
                {
                    low--;
                }

                var high = size;
                while (high < limit && ok(high + 1))
                {
                    high++;
                }

                return (low, high);
            }
        }

        return null;
    }

    /// <summary>A shape error (SS01xx) on a line up to <paramref name="line"/>: what makes a size not work.</summary>
    private static bool Fails(Diagnostic d, int line) =>
        d.Severity == Severity.Error && d.Line <= line && d.Line > 0 && string.CompareOrdinal(d.Code, "SS0100") >= 0 && string.CompareOrdinal(d.Code, "SS0200") < 0;

    /// <summary>Batch, channels, and two or more spatial sizes, all known and equal.</summary>
    private static bool IsSquare(Shape input)
    {
        if (input.Rank < 3 || !input[2].IsKnown)
        {
            return false;
        }

        for (var i = 3; i < input.Rank; i++)
        {
            if (!input[i].IsKnown || input[i].Value != input[2].Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The index of the last layer that can report on a line up to <paramref name="line"/>. A layer reports on its own line,
    /// or, when it reuses an earlier layer (<c>self.pool</c> again), on the line that defines it: its spans are from there.
    /// </summary>
    private static int LastLayerReportingUpTo(IReadOnlyList<LayerCall> layers, int line)
    {
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var call = layers[i];
            if (call.Line <= line || call.TypeSpan.Line <= line || call.CallSpan.Line <= line || call.ReusedFrom <= line)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// True when the failing layer receives <paramref name="failingInput"/> whatever the spatial size: checked once with
    /// a symbolic size, the layers before it run without error and hand it a shape that does not mention the symbol.
    /// At a size where those layers pass, they then hand it the same shape, and it fails as it does now.
    /// </summary>
    private static bool SameInputAtEverySize(ModelFile file, Shape input, int failingIndex, Shape failingInput, LayerRegistry registry)
    {
        if (failingIndex == 0)
        {
            return false;
        }

        var symbol = "S";
        while (input.Any(d => d.Symbols.Contains(symbol)))
        {
            symbol += "_";
        }

        var dims = new Dim[input.Rank];
        dims[0] = input[0];
        dims[1] = input[1];
        for (var i = 2; i < dims.Length; i++)
        {
            dims[i] = Dim.Sym(symbol);
        }

        var probe = new Probe(failingIndex - 1, d => d.Severity == Severity.Error && string.CompareOrdinal(d.Code, "SS0100") >= 0);
        var result = ShapeChecker.Run(file, new Shape(dims), registry, suggestFixes: false, probe);
        return probe.StoppedOn is null && result.Layers.Count == failingIndex && result.Layers[^1].Output is { } reaching && reaching.Equals(failingInput);
    }

    /// <summary>
    /// For a failure that compares a written size with a size of the input (in_features, in_channels, num_features):
    /// positive when the input's size is larger than the written one, negative when smaller; null for other failures.
    /// </summary>
    private static int? SizeComparison(Diagnostic failure) =>
        (failure.Descriptor == DiagnosticCatalog.LinearInFeatures || failure.Descriptor == DiagnosticCatalog.ChannelMismatch || failure.Descriptor == DiagnosticCatalog.BatchNormFeatures)
        && long.TryParse(failure.Expected?.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var expected)
        && long.TryParse(failure.Actual?.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var actual)
        && actual != expected
            ? actual.CompareTo(expected)
            : null;

    private static Shape Square(Shape input, long size)
    {
        var dims = new Dim[input.Rank];
        dims[0] = input[0];
        dims[1] = input[1];
        for (var i = 2; i < dims.Length; i++)
        {
            dims[i] = Dim.Known(size);
        }

        return new Shape(dims);
    }
}
