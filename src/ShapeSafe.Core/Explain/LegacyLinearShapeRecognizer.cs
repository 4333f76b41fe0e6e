using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// PyTorch &lt; 1.7's <c>size mismatch, m1: [128 x 29040], m2: [2048 x 50]</c>: the same Linear mismatch;
/// m2 is printed as [in_features x out_features] (the transposed weight).
/// </summary>
public sealed partial class LegacyLinearShapeRecognizer : IMessageRecognizer
{
    public string Kind => "linear-shape-mismatch-legacy";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } rows || SizeList.Long(m.Groups[2].Value) is not { } features
            || SizeList.Long(m.Groups[3].Value) is not { } inFeatures || SizeList.Long(m.Groups[4].Value) is not { } outFeatures)
        {
            return null;
        }

        return LinearMismatch.Build(Kind, rows, features, inFeatures, outFeatures, line, text, context,
            ["This is the message of PyTorch before 1.7: m1 is the input [batch x features], m2 the Linear's transposed weight [in_features x out_features]; "
                + "current PyTorch says \"mat1 and mat2 shapes cannot be multiplied\" with the same numbers."]);
    }

    [GeneratedRegex(@"size mismatch, m1: \[([0-9]{1,19}) x ([0-9]{1,19})\], m2: \[([0-9]{1,19}) x ([0-9]{1,19})\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
