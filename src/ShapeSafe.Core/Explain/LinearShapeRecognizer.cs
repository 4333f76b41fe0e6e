using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary><c>mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)</c>: a Linear gets the wrong number of features.</summary>
public sealed partial class LinearShapeRecognizer : IMessageRecognizer
{
    public string Kind => "linear-shape-mismatch";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        var m = Pattern().Match(line);
        if (!m.Success || SizeList.Long(m.Groups[1].Value) is not { } rows || SizeList.Long(m.Groups[2].Value) is not { } features
            || SizeList.Long(m.Groups[3].Value) is not { } inFeatures || SizeList.Long(m.Groups[4].Value) is not { } outFeatures)
        {
            return null;
        }

        return LinearMismatch.Build(Kind, rows, features, inFeatures, outFeatures, line, text, context, []);
    }

    [GeneratedRegex(@"mat1 and mat2 shapes cannot be multiplied \(([0-9]{1,19})x([0-9]{1,19}) and ([0-9]{1,19})x([0-9]{1,19})\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
