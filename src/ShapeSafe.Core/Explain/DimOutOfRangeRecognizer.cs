using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Dimension out of range (expected to be in range of [-2, 1], but got 2)</c>: a dim argument (softmax, flatten, cat,
/// sum, squeeze, ...) beyond the tensor's number of dimensions.
/// </summary>
public sealed partial class DimOutOfRangeRecognizer : IMessageRecognizer
{
    public string Kind => "dim-out-of-range";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } min || SizeList.Long(m.Groups[2].Value) is not { } max || SizeList.Long(m.Groups[3].Value) is not { } dim)
        {
            return null;
        }

        // PyTorch prints [-1, 0] for a 0-d tensor (it is treated as having one dimension), else [-n, n-1].
        var rank = max == 0 && min == -1 ? 1 : max + 1;
        var notes = new List<string>();
        if (dim >= rank && dim == rank)
        {
            notes.Add($"dim={dim} is one past the last dimension ({rank - 1}): the tensor has one dimension fewer than the code expects, e.g. an unbatched input [C, H, W] where [N, C, H, W] is meant, "
                + "a tensor already flattened to [N, features], or an output [N, classes] given softmax(dim=2).");
        }
        else if (dim > rank)
        {
            notes.Add($"dim={dim} is {dim - rank + 1} past the last dimension ({rank - 1}): the tensor has {dim - rank + 1} dimensions fewer than the code expects.");
        }
        else
        {
            notes.Add($"dim={dim} counts from the end: -1 is the last dimension, and -{rank} the first; below that there is no dimension.");
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "A dimension index beyond the tensor's dimensions",
            Summary = $"An operation got dim={dim}, but the tensor has {rank} dimension{(rank == 1 ? string.Empty : "s")}, so dim must lie in [{min}, {max}].",
            Numbers =
            [
                new("min_dim", min, "the smallest valid dim: -(number of dimensions), counting from the end"),
                new("max_dim", max, "the largest valid dim: number of dimensions - 1"),
                new("dim", dim, "the dim argument given"),
                new("tensor_rank", rank, "the tensor's number of dimensions (max_dim + 1; a 0-d tensor is printed as [-1, 0])"),
            ],
            Cause = "The tensor has fewer dimensions than the code assumes: a missing batch dimension, a flatten or squeeze earlier, or an index written for another layout.",
            Fixes =
            [
                $"Count from the end so the index does not depend on the batch dimension: e.g. dim=-1 for the last one (softmax over classes of [N, classes] is dim=1 or dim=-1).",
                "Or give the tensor the dimensions the code expects: x.unsqueeze(0) adds a batch of one to a single sample.",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Dimension out of range \(expected to be in range of \[(-?[0-9]{1,19}), (-?[0-9]{1,19})\], but got (-?[0-9]{1,19})\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
