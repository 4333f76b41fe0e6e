using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary><c>running_mean should contain 32 elements not 16</c>: a BatchNorm built with num_features=16 gets 32 channels.</summary>
public sealed partial class BatchNormFeaturesRecognizer : IMessageRecognizer
{
    public string Kind => "batchnorm-features-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[2].Value) is not { } channels || SizeList.Long(m.Groups[3].Value) is not { } numFeatures)
        {
            return null;
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "BatchNorm receives a different number of channels than num_features",
            Summary = $"A BatchNorm layer built with num_features={numFeatures} (its running_{m.Groups[1].Value} has {numFeatures} elements) receives an input with {channels} channels in dimension 1.",
            Numbers =
            [
                new("channels", channels, "channels (features) of the input: its dimension 1"),
                new("num_features", numFeatures, "num_features the BatchNorm was built with"),
            ],
            Cause = $"num_features={numFeatures} does not match the out_channels (or out_features, before BatchNorm1d) of the layer before it, which produces {channels}.",
            Fixes =
            [
                $"Set num_features to {channels}: BatchNorm2d({channels}) (BatchNorm1d/BatchNorm3d alike).",
                "Or leave it to be inferred: nn.LazyBatchNorm2d() in PyTorch, or omit num_features in a ShapeSafe model file.",
                $"Or make the layer before it produce {numFeatures} channels.",
            ],
            Notes =
            [
                $"BatchNorm normalizes dimension 1. For a sequence [N, L, C] through BatchNorm1d, dimension 1 is the length L: if {channels} is your sequence length, permute to [N, C, L] first (x.transpose(1, 2)).",
            ],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"running_(mean|var) should contain ([0-9]{1,19}) elements not ([0-9]{1,19})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
