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

    public static Diagnostic Enrich(Diagnostic failure, ModelFile file, IReadOnlyList<LayerTrace> before, LayerCall failing, Flow flow, Shape? input, LayerRegistry registry)
    {
        var fixes = new List<Fix>(failure.Fixes);
        if (failure.Descriptor == DiagnosticCatalog.LinearInFeatures && flow.FlattenedFrom is { Rank: 3 or 4 } preFlatten && flow.FlattenCall is { } flatten
            && long.TryParse(failure.Expected?.Value, out var expected) && AdaptivePoolFor(preFlatten, expected) is { } pool)
        {
            var prefix = flatten.LineText[..(flatten.TypeSpan.Column - 1)].TrimEnd().EndsWith("nn.", StringComparison.Ordinal) ? "nn." : string.Empty;
            fixes.Add(new Fix($"insert {pool} before {flatten.Name ?? "Flatten"} (line {flatten.Line}), so that {expected} features reach it at any input size",
                Applicability.MaybeIncorrect, [TextEdit.InsertLine(flatten.Line, prefix + pool)]));
        }

        if (input is not null && ValidInputSizes(file, input, failing.Line, registry) is { } sizes)
        {
            var (low, high) = sizes;
            var range = low == high ? string.Empty : $" (any size from {Square(input, low)} to {Square(input, high)} works)";
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

    /// <summary>The contiguous range of square spatial sizes nearest the current one at which no layer up to <paramref name="line"/> fails.</summary>
    private static (long Low, long High)? ValidInputSizes(ModelFile file, Shape input, int line, LayerRegistry registry)
    {
        if (input.Rank < 3 || !input.Skip(2).All(d => d.IsKnown) || input.Skip(2).Distinct().Count() != 1)
        {
            return null;
        }

        var current = input[2].Value;
        var ok = (long size) => !ShapeChecker.Check(file, Square(input, size), registry, suggestFixes: false).Diagnostics
            .Any(d => d.Severity == Severity.Error && d.Line <= line && d.Line > 0 && string.CompareOrdinal(d.Code, "SS0100") >= 0 && string.CompareOrdinal(d.Code, "SS0200") < 0);
        var limit = Math.Min(MaxSearchedSize, Math.Max(4 * current, 512));
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

                // The smallest size of the nearest valid range is the one the layers divide exactly (32, not 35, for two 2x2 pools).
                return (low, high);
            }
        }

        return null;
    }

    private static Shape Square(Shape input, long size) => new(input.Take(2).Concat(Enumerable.Repeat(Dim.Known(size), input.Rank - 2)));
}
