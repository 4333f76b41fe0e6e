using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// Explains raw PyTorch/TorchSharp shape errors: tries every recognizer on each line of the input, in order,
/// and explains the first line one of them knows. Anything else is "not recognized", with the reason; never a
/// guess, and never an exception, whatever the input (empty, huge, binary).
/// </summary>
public static class MessageExplainer
{
    /// <summary>Every recognizer, in the order they are tried on each line.</summary>
    public static IReadOnlyList<IMessageRecognizer> Recognizers { get; } =
    [
        new LinearShapeRecognizer(),
        new LegacyLinearShapeRecognizer(),
        new ConvChannelsRecognizer(),
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
                    return ExplainResult.Of(explanation);
                }
            }
        }

        return ExplainResult.NotRecognized(text.LooksBinary
            ? "the input looks like binary data, not an error message"
            : "no line of the message is a shape error ShapeSafe knows; see docs/explain.md for the messages it explains");
    }
}
