namespace ShapeSafe.Explain;

/// <summary>
/// The answer to "what does this message mean": an <see cref="Explanation"/>, or an honest
/// "not recognized" with the reason (empty input, binary data, no known message, or a message whose own numbers
/// contradict it: <see cref="SelfContradictory"/>).
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

    /// <summary>
    /// True when a line has the form of a known message but its numbers show no failure (e.g. <c>(128x2048 and 2048x128)</c>,
    /// which would multiply): PyTorch does not print it, so it is not explained; <see cref="Reason"/> says why.
    /// </summary>
    public bool SelfContradictory { get; private init; }

    public static ExplainResult Of(Explanation explanation) => new(explanation, null);

    public static ExplainResult NotRecognized(string reason) => new(null, reason);

    /// <summary>A message of a known kind whose numbers contradict it; <paramref name="reason"/> names the numbers.</summary>
    public static ExplainResult Contradictory(string reason) => new(null, reason) { SelfContradictory = true };
}
