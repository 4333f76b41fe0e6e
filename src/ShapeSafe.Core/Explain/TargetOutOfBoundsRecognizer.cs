using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary><c>Target 10 is out of bounds.</c>: a class index that the model's output has no column for.</summary>
public sealed partial class TargetOutOfBoundsRecognizer : IMessageRecognizer
{
    public string Kind => "target-out-of-bounds";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } target)
        {
            return null;
        }

        if (target < 0)
        {
            return new Explanation
            {
                Kind = Kind,
                Title = "Negative class index in the targets",
                Summary = $"A target is {target}: class indices must be 0 or more (only ignore_index, -100 by default, may be negative).",
                Numbers = [new("target", target, "the offending class index in the targets")],
                Cause = $"The labels contain {target}, e.g. a marker for 'unknown' or padding that the loss does not know to skip.",
                Fixes =
                [
                    $"Pass ignore_index={target} to the loss if {target} marks samples to skip (CrossEntropyLoss(ignore_index={target})).",
                    "Or fix the labels so that every target is between 0 and the number of classes - 1.",
                ],
                MatchedLine = line,
                RawMessage = text.Raw,
            };
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "Class index in the targets is larger than the model's outputs",
            Summary = $"A target is class {target}, but the model's output has no column {target}: cross_entropy/nll_loss need 0 <= target < number of outputs (the last Linear's out_features), so out_features is at most {target}.",
            Numbers =
            [
                new("target", target, "the offending class index in the targets"),
                new("classes_needed", target + 1, "the fewest outputs that have a column for this target"),
            ],
            Cause = $"The last Linear has fewer outputs than the data has classes (out_features <= {target}), or the labels are numbered from 1 instead of 0.",
            Fixes =
            [
                $"Set out_features of the last Linear to the number of classes (at least {target + 1}).",
                "Or, if the labels run from 1 to K, subtract 1 so that they run from 0 to K - 1.",
            ],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Target (-?[0-9]{1,19}) is out of bounds", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
