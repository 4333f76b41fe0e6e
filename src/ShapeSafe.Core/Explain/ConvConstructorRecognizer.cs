using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// The errors a convolution's constructor raises before any tensor flows: <c>in_channels must be divisible by groups</c>,
/// <c>out_channels must be divisible by groups</c>, an invalid <c>padding_mode</c>, and
/// <c>padding='same' is not supported for strided convolutions</c>.
/// </summary>
public sealed partial class ConvConstructorRecognizer : IMessageRecognizer
{
    private static readonly string[] Modes = ["zeros", "reflect", "replicate", "circular"];

    public string Kind => "conv-constructor-invalid";

    public Explanation? Recognize(string line, ErrorText text, ExplainContext context)
    {
        if (Groups().Match(line) is { Success: true } g)
        {
            var which = g.Groups[1].Value;
            return Build(line, text, $"{which}-groups",
                $"A convolution was built with {which} that is not a multiple of groups.",
                $"groups splits the input channels and the output channels into equal groups, so both in_channels and out_channels must be multiples of groups; this {which} is not (the message does not print the numbers: look at the constructor call in the traceback).",
                [
                    $"Make {which} a multiple of groups, or groups a divisor of both in_channels and out_channels (groups=1 is an ordinary convolution).",
                    "For a depthwise convolution set groups=in_channels and out_channels to a multiple of in_channels (e.g. nn.Conv2d(32, 32, 3, groups=32)).",
                ],
                []);
        }

        if (Mode().Match(line) is { Success: true } p)
        {
            var given = p.Groups[1].Value;
            var suggestion = given.ToLowerInvariant() switch
            {
                "mirror" or "symmetric" or "reflection" or "reflective" => " 'mirror'/'reflection' is called 'reflect' in PyTorch.",
                "zero" or "constant" or "same" or "valid" => " Zero padding is 'zeros' (padding='same' / 'valid' is the padding argument, not padding_mode).",
                "edge" or "replication" => " Repeating the edge value is 'replicate'.",
                "wrap" or "periodic" => " Wrapping around is 'circular'.",
                _ => string.Empty,
            };
            return Build(line, text, "padding-mode",
                $"A convolution was built with padding_mode='{given}', which PyTorch does not know.",
                $"padding_mode must be one of {string.Join(", ", Modes.Select(x => $"'{x}'"))}.{suggestion}",
                [$"Use one of {string.Join(", ", Modes.Select(x => $"padding_mode='{x}'"))}.{suggestion}"],
                []);
        }

        if (SameStrided().IsMatch(line))
        {
            return Build(line, text, "padding-same-strided",
                "A convolution was built with padding='same' and a stride other than 1.",
                "padding='same' keeps the output the size of the input, which a stride > 1 cannot do, so PyTorch refuses the combination.",
                [
                    "Give the padding as a number: padding=kernel_size // 2 (for an odd kernel); with stride s the output is then ceil(input / s), as 'same' means in TensorFlow/Keras.",
                    "Or keep padding='same' with stride=1 and downsample afterwards (a pooling layer).",
                ],
                ["In TensorFlow, 'same' with strides is allowed and gives ceil(input / stride); PyTorch asks for the padding explicitly."]);
        }

        return null;
    }

    private Explanation Build(string line, ErrorText text, string variant, string summary, string cause, IReadOnlyList<string> fixes, IReadOnlyList<string> notes) => new()
    {
        Kind = Kind,
        Title = "Convolution constructor arguments PyTorch rejects",
        Summary = summary,
        Cause = cause,
        Fixes = fixes,
        Notes = [$"Raised by the constructor (a ValueError when the model is built, before any input): variant {variant}.", .. notes],
        MatchedLine = line,
        RawMessage = text.Raw,
    };

    [GeneratedRegex(@"\b(in_channels|out_channels) must be divisible by groups", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Groups();

    [GeneratedRegex(@"padding_mode must be one of \{[^}]{0,200}\}, but got padding_mode='([^']{0,100})'", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Mode();

    [GeneratedRegex(@"padding='same' is not supported for strided convolutions", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SameStrided();
}
