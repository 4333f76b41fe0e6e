using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// A pooling layer's padding over half its kernel, in each of PyTorch's wordings:
/// <c>pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1</c>,
/// <c>pad should be at most half of kernel size, but got pad=2 and kernel_size=3</c>,
/// <c>pad should be smaller than or equal to half of kernel size, but got padW = 2, padH = 2, kW = 3, kH = 3</c>,
/// <c>max_pool1d() padding should be at most half of kernel size, but got padding=2 and kernel_size=3</c>.
/// </summary>
public sealed partial class PoolPaddingRecognizer : IMessageRecognizer
{
    public string Kind => "pool-padding-too-large";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        if (Effective().Match(line) is { Success: true } e && SizeList.Long(e.Groups[1].Value) is { } pad && SizeList.Long(e.Groups[2].Value) is { } kernel
            && SizeList.Long(e.Groups[3].Value) is { } dilation)
        {
            var effective = ((kernel - 1) * dilation) + 1;
            return Build(line, text, pad, kernel, dilation, effective / 2,
                $"half of the effective kernel size ((kernel_size - 1) x dilation + 1 = {effective}), rounded down");
        }

        if (Plain().Match(line) is { Success: true } p && SizeList.Long(p.Groups[1].Value) is { } pad2 && SizeList.Long(p.Groups[2].Value) is { } kernel2)
        {
            return Build(line, text, pad2, kernel2, null, kernel2 / 2, "half of kernel_size, rounded down");
        }

        if (TwoD().Match(line) is { Success: true } t && SizeList.Long(t.Groups[1].Value) is { } padW && SizeList.Long(t.Groups[2].Value) is { } padH
            && SizeList.Long(t.Groups[3].Value) is { } kW && SizeList.Long(t.Groups[4].Value) is { } kH)
        {
            // Report the dimension that breaks the rule (width first, as PyTorch lists it).
            var (pad3, kernel3) = padW > kW / 2 ? (padW, kW) : (padH, kH);
            return Build(line, text, pad3, kernel3, null, kernel3 / 2, "half of kernel_size, rounded down",
                [$"Per dimension: padding (H, W) = ({padH}, {padW}), kernel_size (H, W) = ({kH}, {kW})."]);
        }

        return null;
    }

    private Explanation Build(string line, ErrorText text, long pad, long kernel, long? dilation, long max, string rule, IReadOnlyList<string>? extraNotes = null)
    {
        var numbers = new List<ExplainedNumber>
        {
            new("padding", pad, "padding of the pooling layer"),
            new("kernel_size", kernel, "kernel_size of the pooling layer"),
        };
        if (dilation is { } d)
        {
            numbers.Add(new("dilation", d, "dilation of the pooling layer"));
        }

        numbers.Add(new("max_padding", max, $"the largest padding allowed: {rule}"));
        // The smallest k with ((k - 1) * d + 1) / 2 >= pad.
        var step = Math.Max(1, dilation ?? 1);
        var minKernel = pad <= 0 ? 1 : ((2 * pad) - 1 + step - 1) / step + 1;
        return new Explanation
        {
            Kind = Kind,
            Title = "Pooling padding is more than half the kernel",
            Summary = $"A pooling layer has padding={pad}, but with kernel_size={kernel}{(dilation is { } dd ? $" and dilation={dd}" : string.Empty)} PyTorch allows at most padding={max}.",
            Numbers = numbers,
            Cause = "Padding larger than half the window would let a window cover only padding; PyTorch rejects it. Often the padding was copied from a convolution with a larger kernel, or kernel_size and padding were swapped.",
            Fixes =
            [
                $"Set padding to at most {max} (padding={kernel / 2}, i.e. kernel_size // 2, keeps the size for an odd kernel with stride 1).",
                $"Or enlarge kernel_size to at least {minKernel} so that padding={pad} is allowed.",
            ],
            Notes = extraNotes ?? [],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"pad should be at most half of effective kernel size, but got pad=([0-9]{1,19}), kernel_size=([0-9]{1,19}) and dilation=([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Effective();

    [GeneratedRegex(@"pad(?:ding)? should be at most half of kernel size, but got pad(?:ding)?=([0-9]{1,19}) and kernel_size=([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Plain();

    [GeneratedRegex(@"pad should be smaller than or equal to half of kernel size, but got padW = ([0-9]{1,19}), padH = ([0-9]{1,19}), kW = ([0-9]{1,19}), kH = ([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TwoD();
}
