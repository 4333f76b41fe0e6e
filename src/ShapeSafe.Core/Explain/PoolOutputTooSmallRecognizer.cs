using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Given input size: (32x1x1). Calculated output size: (32x0x0). Output size is too small</c> (and max_pool1d's
/// <c>Invalid computed output size: 0</c>): a pooling window larger than the maps it pools.
/// </summary>
public sealed partial class PoolOutputTooSmallRecognizer : IMessageRecognizer
{
    public string Kind => "pool-output-too-small";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (m.Success && SizeList.Parse(m.Groups[1].Value) is { Length: >= 2 } input && SizeList.Parse(m.Groups[2].Value) is { Length: >= 2 } output
            && input.Length == output.Length)
        {
            var channels = input[0];
            var inSpatial = input[1..];
            var outSpatial = output[1..];
            return Build(line, text,
                $"A pooling layer gets {channels} channels of {SizeList.Spatial(inSpatial)} maps; its window leaves an output of {SizeList.Spatial(outSpatial)}.",
                [new("channels", channels, "channels of the pooling layer's input")],
                [
                    new("input_size", inSpatial, "spatial size of the pooling layer's input"),
                    new("output_size", outSpatial, "spatial size the pooling would produce: floor((input + 2 x padding - dilation x (kernel - 1) - 1) / stride) + 1, below 1 here"),
                ],
                ["PyTorch prints the sizes without the batch: channels x spatial size."]);
        }

        var pc = PerChannelPattern().Match(line);
        if (pc.Success && SizeList.Parse(pc.Groups[1].Value) is { Length: >= 1 } inSize && SizeList.Parse(pc.Groups[2].Value) is { Length: >= 1 } outSize
            && inSize.Length == outSize.Length)
        {
            var window = inSize.Zip(outSize, (i, o) => i - o + 1).ToArray();
            return Build(line, text,
                $"A sliding window over {SizeList.Spatial(inSize)} maps per channel would produce {SizeList.Spatial(outSize)}: the window is larger than the maps.",
                [],
                [
                    new("input_size", inSize, "spatial size of the input per channel (without batch and channels)"),
                    new("output_size", outSize, "spatial size the window would produce: floor((input + 2 x padding - dilation x (kernel - 1) - 1) / stride) + 1, below 1 here"),
                ],
                [
                    $"With stride 1 and no padding, output = input - window + 1, so the window (kernel with dilation) here is {SizeList.Spatial(window)} over {SizeList.Spatial(inSize)} maps.",
                    "This per-channel form comes from libtorch's CPU convolution kernels (slow_conv2d/slow_conv3d); PyTorch's pooling layers print \"Given input size: (CxHxW)\" instead, with the channels.",
                ]);
        }

        var m1 = Pool1dPattern().Match(line);
        if (m1.Success && SizeList.Long(m1.Groups[1].Value) is { } size)
        {
            return Build(line, text, $"max_pool1d would produce an output of length {size}: its window is larger than the sequence it pools.",
                [new("output_size", size, "length the pooling would produce")], [], []);
        }

        return null;
    }

    private Explanation Build(string line, ErrorText text, string summary, IReadOnlyList<ExplainedNumber> numbers, IReadOnlyList<ExplainedShape> shapes, IReadOnlyList<string> notes) => new()
    {
        Kind = Kind,
        Title = "Pooling output would be empty: the feature maps are too small",
        Summary = summary,
        Numbers = numbers,
        Shapes = shapes,
        Cause = "The feature maps are smaller than the pooling window: too many downsampling steps (poolings, strided convolutions) for the input size, or an input smaller than the model was designed for.",
        Fixes =
        [
            "Use a larger input, or remove a pooling step (this one or one before it).",
            "Or use a smaller kernel_size, or ceil_mode=True / padding so that a partial window still gives one output.",
            "Or use nn.AdaptiveAvgPool2d / nn.AdaptiveMaxPool2d, which produce a fixed output size from any input size.",
        ],
        Notes = notes,
        MatchedLine = line,
        RawMessage = text.Raw,
    };

    [GeneratedRegex(@"Given input size: \(([0-9x]{1,200})\)\. Calculated output size: \(([-0-9x]{1,200})\)\. Output size is too small", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"Given input size per channel: \(([0-9x ]{1,200})\)\. Calculated output size per channel: \(([-0-9x ]{1,200})\)\. Output size is too small", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PerChannelPattern();

    [GeneratedRegex(@"max_pool1d\(\) Invalid computed output size: (-?[0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pool1dPattern();
}
