using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// TorchSharp's Module.load: <c>Mismatched tensor shape while loading. Make sure that the model you are loading into is exactly the same as the origin.</c>
/// It names neither the parameter nor the sizes.
/// </summary>
public sealed partial class TorchSharpLoadMismatchRecognizer : IMessageRecognizer
{
    public string Kind => "torchsharp-load-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        if (!Pattern().IsMatch(line))
        {
            return null;
        }

        return new Explanation
        {
            Kind = Kind,
            Title = "Saved weights have other shapes than the model (TorchSharp Module.load)",
            Summary = "TorchSharp's Module.load found a tensor in the file whose shape differs from the same parameter of the model it loads into; the message names neither the parameter nor the sizes.",
            Cause = "The model is built with other sizes than the one that was saved: e.g. another in_features (the saved model saw another input size), other channel counts, or another number of classes.",
            Fixes =
            [
                "Build the model exactly as the saved one (same layer sizes, in the same order).",
                "To find the parameter: print name and shape of each entry of model.state_dict() for the model that was saved and for this one, and compare.",
                "To load all but a changed layer: Module.load(path, strict: false, skip: new[] { \"fc.weight\", \"fc.bias\" }) skips the named parameters; strict: false alone does not skip shape mismatches.",
            ],
            MatchedLine = line,
            RawMessage = text.Raw,
        };
    }

    [GeneratedRegex(@"Mismatched tensor shape while loading", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
