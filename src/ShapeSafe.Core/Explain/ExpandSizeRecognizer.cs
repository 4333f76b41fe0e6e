using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [4, 4].  Tensor sizes: [2, 3]</c>:
/// Tensor.expand (or an in-place broadcast) asked to grow a dimension that is not 1.
/// </summary>
public sealed partial class ExpandSizeRecognizer : IMessageRecognizer
{
    public string Kind => "expand-size-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } expanded || SizeList.Long(m.Groups[2].Value) is not { } existing
            || SizeList.Long(m.Groups[3].Value) is not { } dim)
        {
            return null;
        }

        var shapes = new List<ExplainedShape>();
        if (m.Groups[4].Success && SizeList.Parse(m.Groups[4].Value) is { } target)
        {
            shapes.Add(new("target_sizes", target, "the sizes passed to expand (-1: keep that dimension)"));
        }

        if (m.Groups[5].Success && SizeList.Parse(m.Groups[5].Value) is { } tensor)
        {
            shapes.Add(new("tensor_sizes", tensor, "the tensor's sizes before expand"));
        }

        var notes = new List<string> { "expand only turns dimensions of size 1 into larger ones (without copying); any other size must stay as it is." };
        if (existing > 0 && expanded % existing == 0)
        {
            notes.Add($"{expanded} = {expanded / existing} x {existing}: to copy the data {expanded / existing} times along dimension {dim}, use repeat (a factor of {expanded / existing} in dimension {dim}).");
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "expand asks a dimension that is not 1 to change size",
            Summary = $"expand wants size {expanded} at dimension {dim}, where the tensor has {existing}; only a dimension of size 1 can be expanded.",
            Numbers =
            [
                new("expanded_size", expanded, $"the size asked for at dimension {dim}"),
                new("existing_size", existing, $"the tensor's size at dimension {dim} (not 1, so it cannot be expanded)"),
                new("dimension", dim, "the dimension, counted in the target sizes (the tensor's dimensions are aligned to their end)"),
            ],
            Shapes = shapes,
            Cause = "The tensor has another shape than the expand (or a broadcast in place, x[...] = y, x.copy_(y)) assumes: a missing unsqueeze, dimensions in another order, or sizes computed for another input.",
            Fixes =
            [
                $"Insert the size-1 dimension first: x.unsqueeze({dim}).expand(...) when the {existing} belongs in another dimension.",
                $"Or use repeat to really copy data, or make the target size at dimension {dim} equal {existing} (or -1 to keep it).",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"The expanded size of the tensor \(([0-9]{1,19})\) must match the existing size \(([0-9]{1,19})\) at non-singleton dimension ([0-9]{1,19})\.?(?:\s+Target sizes: \[([-0-9, ]{0,400})\]\.\s+Tensor sizes: \[([0-9, ]{0,400})\])?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
