namespace ShapeSafe.Explain;

/// <summary>
/// The answer to "what does this message mean": an <see cref="Explanation"/>, or an honest
/// "not recognized" with the reason (empty input, binary data, no known message).
/// </summary>
public sealed record ExplainResult
{
    private ExplainResult(Explanation? explanation, string? reason)
    {
        Explanation = explanation;
        Reason = reason;
    }

    public Explanation? Explanation { get; }

    /// <summary>Why nothing was recognized; null when <see cref="Recognized"/>.</summary>
    public string? Reason { get; }

    public bool Recognized => Explanation is not null;

    public static ExplainResult Of(Explanation explanation) => new(explanation, null);

    public static ExplainResult NotRecognized(string reason) => new(null, reason);
}
