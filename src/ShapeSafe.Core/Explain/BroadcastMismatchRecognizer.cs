using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>The size of tensor a (2048) must match the size of tensor b (8192) at non-singleton dimension 1</c>: two tensors that
/// cannot be broadcast together; TorchSharp's load_state_dict reports a checkpoint whose parameter sizes differ this way.
/// </summary>
public sealed partial class BroadcastMismatchRecognizer : IMessageRecognizer
{
    public string Kind => "broadcast-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } a || SizeList.Long(m.Groups[2].Value) is not { } b || SizeList.Long(m.Groups[3].Value) is not { } dim)
        {
            return null;
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "Two tensors have sizes that cannot be broadcast together",
            Summary = $"Two tensors in one element-wise operation or copy have sizes {a} and {b} at dimension {dim}, and neither is 1, so they cannot be broadcast.",
            Numbers =
            [
                new("size_a", a, $"size of the first tensor (a) at dimension {dim}; in TorchSharp's load_state_dict, the model's parameter"),
                new("size_b", b, $"size of the second tensor (b) at dimension {dim}; in TorchSharp's load_state_dict, the loaded (checkpoint) tensor"),
                new("dimension", dim, "the dimension where the sizes differ, counted from the tensors' aligned trailing dimensions"),
            ],
            Cause = $"When loading weights with TorchSharp's Module.load_state_dict: each loaded tensor is copied into the model's parameter in place, so this says a parameter of the model has {a} where the checkpoint has {b} "
                + $"(for a Linear weight [out_features, in_features], dimension 1 is in_features and dimension 0 out_features): the model is built with other sizes than the checkpoint. "
                + "In arithmetic, the two operands differ: e.g. a loss on an output and a target of different shapes, or a residual connection whose branches produce different sizes.",
            Fixes =
            [
                $"Loading weights: build the model with the checkpoint's sizes ({b} where it has {a}), or remove the differing entries from the state dict before loading.",
                "Arithmetic: print both operands' shapes; make them equal, or insert the size-1 dimension that broadcasting needs (unsqueeze).",
            ],
            Notes = ResidualNotes(a, b, dim),
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    private static string[] ResidualNotes(long a, long b, long dim)
    {
        var (small, large) = (Math.Min(a, b), Math.Max(a, b));
        var ratio = small > 0 && large % small == 0 ? $" ({large} = {large / small} x {small})" : string.Empty;
        return dim == 1
            ? [
                $"Dimension 1 of an image tensor [N, C, H, W] is the channels: in a residual add (x + block(x)) the block changes the channels from {a} to {b}{ratio}. "
                    + $"Give the shortcut a 1x1 convolution that does the same (nn.Conv2d({a}, {b}, 1), with the block's stride), or make the block end with {a} channels.",
            ]
            : [
                $"Dimension {dim} of an image tensor [N, C, H, W] is spatial (2: height, 3: width): in a residual add the block changes the map size from {a} to {b}{ratio}, "
                    + "e.g. a stride or a convolution without padding. Use padding=kernel_size // 2 in the block, or give the shortcut the same stride (a 1x1 convolution with stride).",
            ];
    }

    [GeneratedRegex(@"The size of tensor a \(([0-9]{1,19})\) must match the size of tensor b \(([0-9]{1,19})\) at non-singleton dimension ([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
