namespace ShapeSafe.Explain;

/// <summary>
/// What is known besides the message: the real batch size (the first dimension of --input), which
/// lets a recognizer tell a changed batch (a wrong <c>view(-1, n)</c>) from a wrong feature count.
/// </summary>
public sealed record ExplainContext(long? Batch = null)
{
    public static ExplainContext None { get; } = new();
}
