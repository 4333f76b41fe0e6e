using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Given transposed=1, weight of size [64, 32, 4, 4], expected input[1, 32, 8, 8] to have 64 channels, but got 32 channels instead</c>:
/// a ConvTranspose1d/2d/3d built for other in_channels than its input has. Its weight is [in_channels, out_channels / groups, *kernel].
/// </summary>
public sealed partial class ConvTransposeChannelsRecognizer : IMessageRecognizer
{
    public string Kind => "conv-transpose-channel-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Parse(m.Groups[1].Value) is not { Length: >= 3 } weight || SizeList.Parse(m.Groups[2].Value) is not { Length: >= 2 } input
            || SizeList.Long(m.Groups[3].Value) is not { } expected || SizeList.Long(m.Groups[4].Value) is not { } got)
        {
            return null;
        }

        var (inChannels, outPerGroup) = (weight[0], weight[1]);
        var kernel = weight[2..];
        var conv = $"ConvTranspose{kernel.Length}d";
        var notes = new List<string>
        {
            $"A transposed convolution's weight is [in_channels, out_channels / groups, *kernel_size], the other way round from a Conv{kernel.Length}d's [out_channels, in_channels / groups, *kernel_size]: "
                + $"[{string.Join(", ", weight)}] is in_channels={inChannels} and {outPerGroup} output channels per group (out_channels={outPerGroup} with groups=1).",
        };
        if (got == outPerGroup && expected == inChannels)
        {
            notes.Add($"The input has {got} channels, the layer's out_channels: the layer's in_channels and out_channels look swapped ({conv}({inChannels}, {outPerGroup}, ...) where {conv}({got}, ..., ...) is meant), "
                + "or the decoder lost track of the channels (e.g. after a torch.cat that doubles them, or a missing one).");
        }

        if (input.Length >= 2 && input[0] == 1)
        {
            notes.Add($"A batch of 1 may also be an unbatched input [{string.Join(", ", input[1..])}] to which PyTorch added the batch dimension.");
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "Transposed convolution receives a different number of channels than it was built for",
            Summary = $"A {conv} built with in_channels={expected} (weight [{string.Join(", ", weight)}], kernel {SizeList.Spatial(kernel)}) receives an input [{string.Join(", ", input)}] with {got} channels.",
            Numbers =
            [
                new("expected_channels", expected, "in_channels the transposed convolution was built with (weight dimension 0)"),
                new("out_channels_per_group", outPerGroup, "output channels per group: out_channels / groups (weight dimension 1)"),
                new("batch", input[0], "batch size of the input (1 when PyTorch added it to an unbatched input)"),
                new("channels", got, "channels the input really has (its dimension 1)"),
            ],
            Shapes =
            [
                new("weight_size", weight, "the transposed convolution's weight: [in_channels, out_channels / groups, *kernel_size]"),
                new("input_shape", input, "the input as the layer sees it: [batch, channels, *spatial]"),
                new("kernel_size", kernel, "the kernel size"),
            ],
            Cause = $"in_channels={expected} does not match the channels of the input: the out_channels of the layer before this {conv} (in a decoder, often a torch.cat with a skip connection that changes the count).",
            Fixes =
            [
                $"Set in_channels to {got}: {conv}({got}, out_channels, ...).",
                $"Or leave it to be inferred: nn.Lazy{conv}(out_channels, ...) in PyTorch, or omit in_channels in a ShapeSafe model file.",
                $"Or make the layer before it produce {expected} channels.",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Given transposed=1, weight of size \[([0-9, ]{1,400})\], expected input\[([0-9, ]{1,400})\] to have ([0-9]{1,19}) channels, but got ([0-9]{1,19}) channels instead", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
