using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// PyTorch's load_state_dict error, one line per parameter:
/// <c>size mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).</c>
/// </summary>
public sealed partial class StateDictMismatchRecognizer : IMessageRecognizer
{
    /// <summary>The most parameters listed (a message can name hundreds).</summary>
    public const int MaxParameters = 100;

    public string Kind => "state-dict-size-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        if (!Pattern().IsMatch(line))
        {
            return null;
        }

        var mismatches = new List<ParameterMismatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Pattern().Matches(text.Text))
        {
            if (SizeList.Parse(m.Groups[2].Value) is not { } checkpoint || SizeList.Parse(m.Groups[3].Value) is not { } model || !seen.Add(m.Groups[1].Value))
            {
                continue;
            }

            var name = m.Groups[1].Value;
            var dot = name.LastIndexOf('.');
            var module = dot > 0 ? name[..dot] : name;
            var leaf = dot > 0 ? name[(dot + 1)..] : name;
            mismatches.Add(new ParameterMismatch(name, checkpoint, model, ParameterMeaning.Describe(module, leaf, checkpoint, model)));
            if (mismatches.Count == MaxParameters)
            {
                break;
            }
        }

        if (mismatches.Count == 0)
        {
            return null;
        }

        var first = mismatches[0];
        var modules = mismatches.Select(p => p.Module).Distinct(StringComparer.Ordinal).ToArray();
        return new Explanation
        {
            Kind = Kind,
            Title = "Checkpoint parameters have other sizes than the model",
            Summary = $"The checkpoint was saved from a model whose layers have other sizes: {mismatches.Count} {(mismatches.Count == 1 ? "parameter differs" : "parameters differ")}, "
                + $"e.g. {first.Parameter} is [{string.Join(", ", first.CheckpointShape)}] in the checkpoint but [{string.Join(", ", first.ModelShape)}] in the model.",
            Numbers = [new("mismatched_parameters", mismatches.Count, "parameters whose sizes differ")],
            Cause = $"The model is built with other sizes than the one that was saved (layer{(modules.Length == 1 ? string.Empty : "s")} {string.Join(", ", modules)}): "
                + "e.g. another in_features because the saved model saw another input size, or another number of classes.",
            Fixes =
            [
                $"Build the model with the checkpoint's sizes: {string.Join("; ", mismatches.Take(5).Select(p => $"{p.Parameter}: {p.Meaning}"))}.",
                "Or, to reuse the rest of the checkpoint with a changed layer (e.g. a new classifier head), delete the mismatching keys from the loaded state dict and call load_state_dict(state, strict=False); strict=False alone does not skip size mismatches.",
            ],
            Parameters = mismatches,
            Notes = ["A Linear weight is [out_features, in_features]; a convolution weight is [out_channels, in_channels / groups, *kernel_size]."],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"size mismatch for ([\w.]{1,300}): copying a param with shape torch\.Size\(\[([0-9, ]{0,400})\]\) from checkpoint, the shape in current model is torch\.Size\(\[([0-9, ]{0,400})\]\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
