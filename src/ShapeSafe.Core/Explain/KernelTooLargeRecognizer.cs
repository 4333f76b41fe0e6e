using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// <c>Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size</c>:
/// the feature maps shrank below a convolution's kernel.
/// </summary>
public sealed partial class KernelTooLargeRecognizer : IMessageRecognizer
{
    public string Kind => "kernel-too-large";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Parse(m.Groups[1].Value) is not { Length: > 0 } padded || SizeList.Parse(m.Groups[2].Value) is not { Length: > 0 } kernel
            || padded.Length != kernel.Length)
        {
            return null;
        }

        var p = SizeList.Spatial(padded);
        var k = SizeList.Spatial(kernel);
        var extra = padded.Zip(kernel, (i, w) => Math.Max(0, (w - i + 1) / 2)).ToArray();
        var smallest = padded.Min();
        var fixes = new List<string>
        {
            $"Give the convolution more padding: at least {SizeList.Spatial(extra)} more per side makes the padded input reach the kernel; padding={string.Join("x", kernel.Select(w => w / 2))} (kernel_size // 2) keeps the size for odd kernels with stride 1.",
            "Or use a larger input, or remove a pooling/strided step before this layer (each 2x downsampling halves the maps).",
            $"Or use a smaller kernel_size (at most {smallest} here, with dilation 1).",
        };
        return new Explanation
        {
            Kind = Kind,
            Title = "Convolution kernel is larger than its input",
            Summary = $"A convolution's kernel ({k}) is larger than its input feature map after padding ({p}).",
            Shapes =
            [
                new("padded_input_size", padded, "spatial size of the input plus 2 x padding, per dimension"),
                new("kernel_size", kernel, "the kernel's extent per dimension, dilation included: (kernel_size - 1) x dilation + 1"),
            ],
            Cause = "The feature maps have shrunk too much before this convolution: too many poolings or strided convolutions for the input size, an input smaller than the model was designed for, or convolutions without padding.",
            Fixes = fixes,
            Notes = ["The printed input size already includes the padding; the kernel size includes dilation."],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Calculated padded input size per channel: \(([0-9x ]{1,200})\)\. Kernel size: \(([0-9x ]{1,200})\)\. Kernel size can't be greater than actual input size", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
