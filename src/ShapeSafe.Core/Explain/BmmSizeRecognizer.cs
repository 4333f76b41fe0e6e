using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Expected size for first two dimensions of batch2 tensor to be: [4, 5] but got: [4, 6].</c>: torch.bmm (or a batched
/// matmul, baddbmm) of [B, N, K] and a second tensor that is not [B, K, M].
/// </summary>
public sealed partial class BmmSizeRecognizer : IMessageRecognizer
{
    public string Kind => "bmm-batch2-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Parse(m.Groups[1].Value) is not { Length: 2 } expected || SizeList.Parse(m.Groups[2].Value) is not { Length: 2 } got)
        {
            return null;
        }

        var (batch, inner) = (expected[0], expected[1]);
        var notes = new List<string>();
        if (got[0] != batch)
        {
            notes.Add($"The batch sizes differ: batch1 has {batch} matrices and batch2 has {got[0]}; bmm does not broadcast the batch (torch.matmul does, when one of them is 1).");
        }

        if (got[1] != inner)
        {
            notes.Add($"The inner sizes differ: batch1's matrices have {inner} columns, so batch2's must have {inner} rows, but they have {got[1]}.");
        }

        if (got[0] == batch && got[1] != inner)
        {
            notes.Add($"If batch2 is [{batch}, M, {inner}] (e.g. the keys in attention, q @ k), transpose its last two dimensions: torch.bmm(a, b.transpose(1, 2)).");
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "Batched matrix product of tensors whose sizes do not fit",
            Summary = $"torch.bmm multiplies batch1 [{batch}, N, {inner}] by batch2, which must be [{batch}, {inner}, M], but batch2 starts with [{got[0]}, {got[1]}].",
            Shapes =
            [
                new("expected", expected, "the first two sizes batch2 needs: [batch1's batch size B, batch1's columns K]"),
                new("got", got, "batch2's first two sizes: [its batch size, its rows]"),
            ],
            Numbers =
            [
                new("batch", batch, "batch size of batch1 (its dimension 0)"),
                new("inner", inner, "columns of batch1's matrices (its dimension 2), the rows batch2's matrices need"),
            ],
            Cause = "The second operand is transposed (its last two dimensions swapped), its dimensions are in another order ([N, B, K] where [B, N, K] is meant, as from nn.MultiheadAttention without batch_first), or it belongs to another batch.",
            Fixes =
            [
                "Print both shapes before the product: batch1 [B, N, K] and batch2 [B, K, M] give [B, N, M].",
                "Transpose or permute batch2 so that its dimension 1 is K (b.transpose(1, 2)), or make both operands come from the same batch.",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Expected size for first two dimensions of batch2 tensor to be: \[([0-9, ]{1,60})\] but got: \[([0-9, ]{1,60})\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
