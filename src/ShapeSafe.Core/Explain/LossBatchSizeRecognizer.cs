using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Expected input batch_size (512) to match target batch_size (128).</c>: the model's output has another number of
/// rows than there are targets, often because a <c>view(-1, n)</c> folded feature maps into the batch.
/// </summary>
public sealed partial class LossBatchSizeRecognizer : IMessageRecognizer
{
    public string Kind => "loss-batch-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } rows || SizeList.Long(m.Groups[2].Value) is not { } targets)
        {
            return null;
        }

        var notes = new List<string>();
        var fixes = new List<string>();
        string cause;
        if (rows > targets && targets > 0 && rows % targets == 0)
        {
            var k = rows / targets;
            cause = $"The output has {k}x as many rows as there are targets: a flattening step such as x.view(-1, n) split each sample's features into {k} rows of n. "
                + $"Each sample really has {k} x n features (n = the number in view(-1, n), usually the next Linear's in_features).";
            fixes.Add($"Flatten with x.flatten(1) (nn.Flatten()) or x.view(x.size(0), -1), which keep the batch, and set the next Linear's in_features to {k} x n (or let it be inferred).");
            notes.Add($"{rows} / {targets} = {k}: the real features per sample are {k} x n.");
        }
        else if (targets > rows && rows > 0 && targets % rows == 0)
        {
            var k = targets / rows;
            cause = $"The output has {k}x fewer rows than there are targets: a flattening step such as x.view(-1, n) with n {k}x the real features per sample merged {k} samples into each row, "
                + "or the targets belong to a larger batch than the inputs.";
            fixes.Add($"Flatten with x.flatten(1) (nn.Flatten()) or x.view(x.size(0), -1), and set the next Linear's in_features to n / {k} (or let it be inferred).");
            notes.Add($"{targets} / {rows} = {k}: if a view(-1, n) merged samples, the real features per sample are n / {k}.");
        }
        else
        {
            cause = "The output and the targets do not come from the same batch: e.g. targets of a full batch with a smaller last batch, outputs of shape [N, T, C] flattened differently from the targets, "
                + "or a flattening step whose numbers mix samples.";
            fixes.Add("Take inputs and targets from the same batch, and give the loss an output [N, classes] with a target [N] (for sequences: output [N, classes, T] with target [N, T]).");
        }

        if (context.Batch is { } batch)
        {
            if (batch == targets && batch != rows)
            {
                notes.Add($"The targets match your batch ({batch}): the model's output rows ({rows}) are wrong.");
            }
            else if (batch == rows && batch != targets)
            {
                notes.Add($"The output matches your batch ({batch}): the targets ({targets}) are wrong.");
            }
        }

        fixes.Add("Print output.shape and target.shape just before the loss: cross_entropy wants [N, C] and [N].");
        return new Explanation
        {
            Kind = Kind,
            Title = "Loss gets a different batch size for the output than for the targets",
            Summary = $"The loss received {rows} rows of model output but {targets} targets.",
            Numbers =
            [
                new("input_batch", rows, "rows of the model's output reaching the loss (its dimension 0)"),
                new("target_batch", targets, "number of targets"),
            ],
            Cause = cause,
            Fixes = fixes,
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Expected input batch_size \(([0-9]{1,19})\) to match target batch_size \(([0-9]{1,19})\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
