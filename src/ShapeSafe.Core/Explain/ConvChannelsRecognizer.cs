using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 1, 8, 8] to have 3 channels, but got 1 channels instead</c>:
/// a convolution built for other in_channels than its input has.
/// </summary>
public sealed partial class ConvChannelsRecognizer : IMessageRecognizer
{
    public string Kind => "conv-channel-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } groups || SizeList.Parse(m.Groups[2].Value) is not { Length: >= 3 } weight
            || SizeList.Parse(m.Groups[3].Value) is not { Length: >= 2 } input || SizeList.Long(m.Groups[4].Value) is not { } expected
            || SizeList.Long(m.Groups[5].Value) is not { } got)
        {
            return null;
        }

        var (outChannels, perGroup) = (weight[0], weight[1]);
        var kernel = weight[2..];
        var dims = kernel.Length;
        var conv = $"Conv{dims}d";
        var batch = input[0];
        var spatial = input.Length > 2 ? input[2..] : [];
        var notes = new List<string>();
        if (expected == 3 && got == 1)
        {
            notes.Add("1 channel where 3 are expected: a grayscale image reaches a model built for RGB. Convert the images to RGB (e.g. Image.convert('RGB'), or x.repeat(1, 3, 1, 1)), or build the first convolution with in_channels=1.");
        }
        else if (expected == 1 && got == 3)
        {
            notes.Add("3 channels where 1 is expected: an RGB image reaches a model built for grayscale. Convert the images to grayscale, or build the first convolution with in_channels=3.");
        }
        else if (expected == 3 && got == 4)
        {
            notes.Add("4 channels where 3 are expected: an RGBA image (with alpha). Drop the alpha channel (x[:, :3] or Image.convert('RGB')).");
        }

        if (input.Length >= 3 && input[^1] == expected && got != expected)
        {
            notes.Add($"The input's last dimension is {expected}, the expected channel count: the tensor is probably channels-last ([N, H, W, C], as images are loaded from files). "
                + $"Move the channels to dimension 1: x.permute(0, {string.Join(", ", Enumerable.Range(1, input.Length - 1).Select(i => i == 1 ? input.Length - 1 : i - 1))}).");
        }

        if (batch == 1)
        {
            notes.Add($"If you passed a {input.Length - 1}-D tensor, PyTorch treated it as one unbatched sample and added the batch dimension of 1, so your tensor was [{string.Join(", ", input[1..])}]: "
                + $"if its first dimension ({got}) is your batch (single-channel data without a channel dimension), add the channel dimension with x.unsqueeze(1).");
        }

        if (groups > 1)
        {
            notes.Add($"With groups={groups}, the weight holds in_channels / groups = {perGroup} channels per filter, so in_channels = {perGroup} x {groups} = {expected}; in_channels and out_channels must both be divisible by groups.");
        }

        var lazy = $"nn.Lazy{conv}({outChannels}, ...)";
        return new Explanation
        {
            Kind = Kind,
            Title = "Convolution receives a different number of channels than it was built for",
            Summary = $"A {conv} built with in_channels={expected} (weight [{string.Join(", ", weight)}]: {outChannels} filters over {perGroup} channels{(groups > 1 ? $" per group, groups={groups}" : string.Empty)}, kernel {SizeList.Spatial(kernel)}) "
                + $"receives an input [{string.Join(", ", input)}] with {got} channels.",
            Numbers =
            [
                new("groups", groups, "groups of the convolution"),
                new("out_channels", outChannels, "out_channels of the convolution (weight dimension 0)"),
                new("in_channels_per_group", perGroup, "input channels each filter sees: in_channels / groups (weight dimension 1)"),
                new("expected_channels", expected, "in_channels the convolution was built with"),
                new("batch", batch, "batch size of the input (1 when PyTorch added it to an unbatched input)"),
                new("channels", got, "channels the input really has (its dimension 1)"),
            ],
            Shapes =
            [
                new("weight_size", weight, "the convolution's weight: [out_channels, in_channels / groups, *kernel_size]"),
                new("input_shape", input, "the input as the convolution sees it: [batch, channels, *spatial]"),
                new("kernel_size", kernel, "the kernel size"),
            ],
            Cause = $"in_channels={expected} does not match the channels of the input: the out_channels of the layer before this {conv}, or the image's channels (1 grayscale, 3 RGB, 4 RGBA).",
            Fixes =
            [
                $"Set in_channels to {got}: {conv}({got}, {outChannels}, ...){(groups > 1 ? $" (keeping it divisible by groups={groups})" : string.Empty)}.",
                $"Or leave in_channels to be inferred: {lazy} in PyTorch, or omit in_channels in a ShapeSafe model file.",
                $"Or make the layer before it produce {expected} channels (its out_channels), or feed images with {expected} channels.",
            ],
            Notes = notes,
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Given groups=([0-9]{1,19}), weight of size \[([0-9, ]{1,400})\], expected input\[([0-9, ]{1,400})\] to have ([0-9]{1,19}) channels, but got ([0-9]{1,19}) channels instead", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
