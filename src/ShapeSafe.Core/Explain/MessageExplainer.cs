using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// Explains raw PyTorch/TorchSharp shape errors: tries every recognizer on each line of the input, in order,
/// and explains the first line one of them knows. Anything else is "not recognized", with the reason; never a
/// guess, and never an exception, whatever the input (empty, huge, binary).
/// </summary>
public static partial class MessageExplainer
{
    /// <summary>Every recognizer, in the order they are tried on each line.</summary>
    public static IReadOnlyList<IMessageRecognizer> Recognizers { get; } =
    [
        new LinearShapeRecognizer(),
        new LegacyLinearShapeRecognizer(),
        new ConvChannelsRecognizer(),
        new ConvTransposeChannelsRecognizer(),
        new TorchSharpConvInputRecognizer(),
        new ConvRankRecognizer(),
        new KernelTooLargeRecognizer(),
        new PoolOutputTooSmallRecognizer(),
        new PoolPaddingRecognizer(),
        new BatchNormFeaturesRecognizer(),
        new LossBatchSizeRecognizer(),
        new ViewShapeRecognizer(),
        new TargetOutOfBoundsRecognizer(),
        new StateDictMismatchRecognizer(),
        new TorchSharpLoadMismatchRecognizer(),
        new BroadcastMismatchRecognizer(),
        new StorageOutOfBoundsRecognizer(),
        new ExpandSizeRecognizer(),
        new CatSizeRecognizer(),
        new BmmSizeRecognizer(),
        new DimOutOfRangeRecognizer(),
        new ConvConstructorRecognizer(),
    ];

    /// <summary>The kind ids, in recognizer order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = Recognizers.Select(r => r.Kind).ToArray();

    public static ExplainResult Explain(string? message, ExplainContext? context = null)
    {
        context ??= ExplainContext.None;
        ErrorText text;
        try
        {
            text = ErrorText.From(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return ExplainResult.NotRecognized("the input could not be read in time");
        }

        if (text.Lines.Count == 0)
        {
            return ExplainResult.NotRecognized("the message is empty");
        }

        foreach (var line in text.Lines)
        {
            foreach (var recognizer in Recognizers)
            {
                Explanation? explanation;
                try
                {
                    explanation = recognizer.Recognize(line, text, context);
                }
                catch (RegexMatchTimeoutException)
                {
                    explanation = null;
                }

                if (explanation is not null)
                {
                    return MessageConsistency.Contradiction(explanation) is { } why
                        ? ExplainResult.Contradictory($"the message contradicts itself, so it is not a real failure and is not explained: {why}. Paste the message exactly as PyTorch printed it.")
                        : ExplainResult.Of(explanation);
                }
            }
        }

        if (!text.LooksBinary && text.Lines.SelectMany(l => LongDigits().Matches(l)).FirstOrDefault(m => SizeList.Long(m.Value) is null) is { } huge)
        {
            var digits = huge.Value.Length > 40 ? huge.Value[..40] + "..." : huge.Value;
            return ExplainResult.NotRecognized($"the message holds the number {digits}, larger than any tensor size can be (at most {long.MaxValue}, 2^63 - 1): "
                + "PyTorch cannot have printed it, so it is given as-is and not explained");
        }

        return ExplainResult.NotRecognized(text.LooksBinary
            ? "the input looks like binary data, not an error message"
            : "no line of the message is a shape error ShapeSafe knows; see docs/explain.md for the messages it explains");
    }

    // Runs of 19 digits or more: the ones that do not parse as a long are above long.MaxValue = 9223372036854775807.
    [GeneratedRegex(@"[0-9]{19,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LongDigits();
}
