using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 48]</c>: a tensor of the wrong
/// rank reaches a convolution, typically a Linear's 2-D output, or an input missing its batch or channel dimension.
/// </summary>
public sealed partial class ConvRankRecognizer : IMessageRecognizer
{
    public string Kind => "conv-input-rank";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } unbatched || SizeList.Long(m.Groups[2].Value) is not { } batched
            || SizeList.Parse(m.Groups[4].Value) is not { } input)
        {
            return null;
        }

        var op = m.Groups[3].Value;
        var rank = input.Length;
        var spatialRank = (int)Math.Clamp(batched - 2, 1, 3);
        var spatial = string.Join(", ", new[] { "D", "H", "W" }.TakeLast(spatialRank));
        var fixes = new List<string>();
        var notes = new List<string>();
        FactorHints? hints = null;
        string cause;
        if (rank == 2 && batched == 4)
        {
            var features = input[1];
            hints = FactorAnalysis.Hints(features);
            var example = hints?.Candidates.FirstOrDefault();
            cause = $"A 2-D tensor reaches {op}, which needs [N, C, {spatial}]: most often the [batch, features] output of a Linear or Flatten ([{input[0]}, {features}]), "
                + "or a single 2-D map (one grayscale image) without its batch and channel dimensions.";
            fixes.Add($"For a [batch, features] tensor: reshape it into feature maps before the convolution, nn.Unflatten(1, (C, H, W)) or x.view({input[0]}, C, H, W), with C x H x W = {features}"
                + (example is null ? "." : $" (e.g. C={example.Channels}, H=W={example.Side})."));
            fixes.Add("Or, if the convolution should come before the Linear, move it there.");
            fixes.Add($"For one [H, W] image: add the batch and channel dimensions, x.unsqueeze(0).unsqueeze(0) -> [1, 1, {input[0]}, {input[1]}].");
        }
        else if (rank < unbatched)
        {
            cause = $"The {rank}-D input [{string.Join(", ", input)}] lacks dimensions: {op} needs [C, {spatial}] (one sample) or [N, C, {spatial}] (a batch).";
            fixes.Add(rank == unbatched - 1
                ? $"Add the channel dimension: x.unsqueeze(0) makes it one sample with a single channel, [1, {string.Join(", ", input)}]; add the batch dimension too with another unsqueeze(0)."
                : $"Add the missing dimensions (x.unsqueeze(0) for each) to reach [N, C, {spatial}].");
        }
        else
        {
            var ones = Enumerable.Range(0, rank).Where(i => input[i] == 1).ToArray();
            cause = $"The {rank}-D input [{string.Join(", ", input)}] has more dimensions than {op} accepts ({unbatched}-D unbatched or {batched}-D batched).";
            if (ones.Length > 0)
            {
                fixes.Add($"Remove the extra size-1 dimension: x.squeeze({ones[0]}).");
            }

            fixes.Add($"Or fold the extra leading dimension into the batch: x.flatten(0, {rank - batched}) (e.g. the frames of video clips), and unflatten the output afterwards.");
            if (op.EndsWith("1d", StringComparison.Ordinal) && rank == 4)
            {
                fixes.Add("Or, for 2-D maps [N, C, H, W], use Conv2d, or flatten the spatial dimensions with x.flatten(2) to run a Conv1d over them.");
            }
        }

        notes.Add($"A {unbatched}-D input is treated as one unbatched sample; a {batched}-D input as a batch.");
        return new Explanation
        {
            Kind = Kind,
            Title = "Convolution receives an input with the wrong number of dimensions",
            Summary = $"{op} needs a {unbatched}-D (unbatched) or {batched}-D (batched) input, but got a {rank}-D input of size [{string.Join(", ", input)}].",
            Numbers =
            [
                new("input_rank", rank, "dimensions of the input that reached the convolution"),
                new("unbatched_rank", unbatched, "dimensions of an unbatched input: [C, *spatial]"),
                new("batched_rank", batched, "dimensions of a batched input: [N, C, *spatial]"),
            ],
            Shapes = [new("input_shape", input, "the input that reached the convolution")],
            Cause = cause,
            Fixes = fixes,
            FactorHints = hints,
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Expected ([0-9]{1,2})D \(unbatched\) or ([0-9]{1,2})D \(batched\) input to (\w{1,40}), but got input of size: ?\[([0-9, ]{0,400})\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
