namespace ShapeSafe.Explain;

/// <summary>
/// Recognizes one kind of error message. Each implementation holds its regular expression(s),
/// compiled once, and turns a matching line into an <see cref="Explanation"/>; it never prints.
/// </summary>
public interface IMessageRecognizer
{
    /// <summary>The kind id its explanations carry (see docs/explain.md).</summary>
    string Kind { get; }

    /// <summary>
    /// The explanation when <paramref name="line"/> is this kind of message, else null. <paramref name="text"/>
    /// is the whole input, for messages that span several lines (state-dict loads list one mismatch per line).
    /// </summary>
    Explanation? Recognize(string line, ErrorText text, ExplainContext context);
}
