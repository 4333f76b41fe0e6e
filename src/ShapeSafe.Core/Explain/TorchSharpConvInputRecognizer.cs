using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// TorchSharp's own check before a convolution runs: <c>Expected 3D (unbatched) or 4D (batched) input with 3 channels to Conv2d.</c>
/// It fires for a wrong rank and for a wrong channel count alike, and does not print the input's shape.
/// </summary>
public sealed partial class TorchSharpConvInputRecognizer : IMessageRecognizer
{
    public string Kind => "torchsharp-conv-input";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } unbatched || SizeList.Long(m.Groups[2].Value) is not { } batched
            || SizeList.Long(m.Groups[3].Value) is not { } channels)
        {
            return null;
        }

        var layer = m.Groups[4].Value;
        var spatialRank = batched - 2;
        var spatial = string.Join(", ", new[] { "D", "H", "W" }.TakeLast((int)Math.Clamp(spatialRank, 0, 3)));
        var lazy = layer.StartsWith("Conv", StringComparison.Ordinal) ? $"nn.Lazy{layer} in PyTorch, or omit in_channels in a ShapeSafe model file" : "omit in_channels in a ShapeSafe model file";
        return new Explanation
        {
            Kind = Kind,
            Title = "Convolution input has the wrong number of dimensions or channels",
            Summary = $"A {layer} built with in_channels={channels} received an input that is neither {unbatched}-D [{channels}, {spatial}] nor {batched}-D [N, {channels}, {spatial}]: "
                + $"either its number of dimensions is wrong, or its channel dimension is not {channels}. TorchSharp checks both at once and does not print the input's shape.",
            Numbers =
            [
                new("in_channels", channels, $"in_channels the {layer} was built with"),
                new("unbatched_rank", unbatched, "dimensions of an unbatched input: [C, *spatial]"),
                new("batched_rank", batched, "dimensions of a batched input: [N, C, *spatial]"),
            ],
            Cause = $"Either a tensor of another rank reaches the {layer} (e.g. the 2-D [N, features] output of a Linear or Flatten, or an extra dimension), "
                + $"or its channel dimension (dim 1 of a batched input) is not {channels}: the previous layer's out_channels, or 1 vs 3 image channels.",
            Fixes =
            [
                $"Print x.shape just before the {layer} to see which it is.",
                $"If it has fewer than {unbatched} dimensions (e.g. [N, F] from a Linear): reshape it, x.view(N, C, {spatial}) or nn.Unflatten(1, (C, {spatial})) with C x {spatial.Replace(", ", " x ", StringComparison.Ordinal)} = F; "
                    + $"if it has more than {batched}: remove the extra dimension (squeeze a size-1 dimension, or fold it into the batch with x.flatten(0, 1)).",
                $"If it has {batched} dimensions but C != {channels} channels: set in_channels to C, or let it be inferred ({lazy}); for channels-last images [N, {spatial}, C] use x.permute(0, {batched - 1}, {string.Join(", ", Enumerable.Range(1, (int)Math.Max(0, batched - 2)))}).",
            ],
            Notes =
            [
                $"Calling torch.nn.functional.{layer.ToLowerInvariant()} with the same tensors gives PyTorch's own message, which prints the input's shape.",
            ],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Expected ([0-9]{1,2})D \(unbatched\) or ([0-9]{1,2})D \(batched\) input with ([0-9]{1,19}) channels to (\w{1,40})\.", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
