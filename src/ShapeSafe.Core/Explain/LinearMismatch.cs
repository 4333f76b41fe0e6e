namespace ShapeSafe.Explain;

/// <summary>
/// The explanation shared by both Linear messages (<c>mat1 and mat2 shapes cannot be multiplied (AxB and CxD)</c>
/// and PyTorch &lt; 1.7's <c>size mismatch, m1: [A x B], m2: [C x D]</c>): A rows of B features reach a Linear
/// built with in_features=C and out_features=D.
/// </summary>
internal static class LinearMismatch
{
    public static Explanation Build(string kind, long rows, long features, long inFeatures, long outFeatures, string line, ErrorText text, ExplainContext context, IEnumerable<string> extraNotes)
    {
        var notes = new List<string>();
        var perSample = features;
        if (context.Batch is { } batch && batch > 0 && batch != rows)
        {
            var total = SafeMultiply(rows, features);
            if (total is { } t && t % batch == 0)
            {
                perSample = t / batch;
                notes.Add($"Your batch is {batch}, but {Rows(rows)} {(rows == 1 ? "reaches" : "reach")} the Linear: {rows} x {features} = {t} elements = {batch} x {perSample}. "
                    + $"The flattening step (e.g. x.view(-1, {features})) changed the batch: each sample really has {perSample} features. "
                    + $"Flatten with x.flatten(1) or x.view(x.size(0), -1) and set in_features to {perSample}.");
            }
            else
            {
                notes.Add($"Your batch is {batch}, but {Rows(rows)} {(rows == 1 ? "reaches" : "reach")} the Linear, and {rows} x {features} = {total?.ToString() ?? "(too large)"} elements is not a multiple of {batch}: "
                    + "the tensor reaching the Linear is not your batch reshaped; check every view/reshape before it.");
            }
        }
        else if (rows == 1)
        {
            notes.Add("One row: a batch of a single sample, or an unbatched 1-D input that PyTorch treated as one row.");
        }

        if (perSample == inFeatures)
        {
            notes.Add($"The per-sample feature count {perSample} equals in_features {inFeatures}: only the batch layout is wrong, not in_features.");
        }
        else if (FactorAnalysis.CommonChannels(perSample, inFeatures) is { } common)
        {
            var scale = common.ActualSide > common.ExpectedSide
                ? (common.ActualSide % common.ExpectedSide == 0 ? $"{common.ActualSide / common.ExpectedSide}x larger per side" : "larger")
                : (common.ExpectedSide % common.ActualSide == 0 ? $"{common.ExpectedSide / common.ActualSide}x smaller per side" : "smaller");
            notes.Add($"With {common.Channels} channels, the layers produce {common.ActualSide}x{common.ActualSide} feature maps ({common.Channels}x{common.ActualSide}x{common.ActualSide} = {perSample}) "
                + $"where in_features assumes {common.ExpectedSide}x{common.ExpectedSide} ({common.Channels}x{common.ExpectedSide}x{common.ExpectedSide} = {inFeatures}): the maps are {scale} than assumed "
                + "(a different input size, or a different number of poolings/strides).");
        }

        notes.AddRange(extraNotes);
        notes.Add($"A wrong x.view(-1, n) changes the batch instead of the features: then the {Rows(rows)} here {(rows == 1 ? "is" : "are")} not your batch size.");

        var hints = FactorAnalysis.Hints(perSample);
        var poolHint = PoolHint(perSample, inFeatures);
        var fixes = new List<string>
        {
            $"Set in_features to {perSample}: Linear({perSample}, {outFeatures}) instead of Linear({inFeatures}, {outFeatures}).",
            $"Or leave in_features to be inferred from the input: nn.LazyLinear({outFeatures}) in PyTorch, or Linear(out_features={outFeatures}) / LazyLinear({outFeatures}) in a ShapeSafe model file.",
            $"Or change the feature maps so that {inFeatures} features reach the Linear: {poolHint}.",
        };

        return new Explanation
        {
            Kind = kind,
            Title = "Linear layer receives a different number of features than it was built for",
            Summary = $"A batch of {rows} {(rows == 1 ? "sample" : "samples")} with {features} features each reaches a Linear built for {inFeatures} inputs and {outFeatures} outputs "
                + $"(in_features={inFeatures}, out_features={outFeatures}), but {features} != {inFeatures}.",
            Numbers =
            [
                new("batch", rows, "rows of the Linear's input: the batch size (for inputs with more than 2 dimensions, the product of all leading dimensions)"),
                new("features_per_sample", features, "features per sample reaching the Linear (the size of the input's last dimension)"),
                new("in_features", inFeatures, "in_features the Linear was built with"),
                new("out_features", outFeatures, "out_features of the Linear"),
            ],
            Cause = $"in_features={inFeatures} was computed by hand (e.g. channels * height * width after Flatten) for other feature maps than the layers before it really produce: "
                + "the input size, a pooling/stride or a channel count differs from what the number assumed.",
            Fixes = fixes,
            FactorHints = hints,
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    private static string PoolHint(long actual, long expected)
    {
        if (FactorAnalysis.CommonChannels(actual, expected) is { } common)
        {
            return $"e.g. nn.AdaptiveAvgPool2d(({common.ExpectedSide}, {common.ExpectedSide})) before Flatten turns {common.Channels} channels of any size into {common.Channels}x{common.ExpectedSide}x{common.ExpectedSide} = {expected}";
        }

        var target = FactorAnalysis.Hints(expected)?.Candidates.FirstOrDefault();
        return target is null
            ? "e.g. nn.AdaptiveAvgPool2d before Flatten, with channels x height x width = " + expected
            : $"e.g. nn.AdaptiveAvgPool2d before Flatten so that channels x height x width = {expected} (such as {target})";
    }

    private static string Rows(long rows) => rows == 1 ? "1 row" : $"{rows} rows";

    private static long? SafeMultiply(long a, long b)
    {
        try
        {
            return checked(a * b);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
