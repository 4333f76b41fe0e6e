namespace ShapeSafe.Explain;

/// <summary>
/// What a recognized error message means, as data: its kind, every number in it with its meaning,
/// the most likely cause, fixes in words, factor hints for a flattened size, and the message itself.
/// Renderers (text, JSON) decide how it looks; nothing here prints.
/// </summary>
public sealed record Explanation
{
    /// <summary>Stable id of the message kind, e.g. <c>linear-shape-mismatch</c> (see docs/explain.md).</summary>
    public required string Kind { get; init; }

    /// <summary>The problem in a few words.</summary>
    public required string Title { get; init; }

    /// <summary>The message restated with its numbers' meanings, in one or two sentences.</summary>
    public required string Summary { get; init; }

    public IReadOnlyList<ExplainedNumber> Numbers { get; init; } = [];

    public IReadOnlyList<ExplainedShape> Shapes { get; init; } = [];

    /// <summary>The most likely cause.</summary>
    public required string Cause { get; init; }

    /// <summary>Fixes in words, the most direct first.</summary>
    public IReadOnlyList<string> Fixes { get; init; } = [];

    /// <summary>Channels x size combinations for a flattened size in the message, when one is there.</summary>
    public FactorHints? FactorHints { get; init; }

    /// <summary>Checkpoint parameters whose sizes differ from the model's (state-dict load errors).</summary>
    public IReadOnlyList<ParameterMismatch> Parameters { get; init; } = [];

    /// <summary>Further facts derived from the numbers (ratios, a changed batch, ambiguities of the message).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The line of the input that was recognized (trimmed).</summary>
    public required string MatchedLine { get; init; }

    /// <summary>The whole input as given (capped at <see cref="ErrorText.MaxChars"/> characters).</summary>
    public string RawMessage { get; init; } = string.Empty;

    /// <summary>The layers of a model file that the message is about, when one was given.</summary>
    public ModelMatch? Model { get; init; }

    /// <summary>The value of the number named <paramref name="name"/>, or null.</summary>
    public long? Number(string name) => Numbers.FirstOrDefault(n => n.Name == name)?.Value;

    /// <summary>The sizes named <paramref name="name"/>, or null.</summary>
    public IReadOnlyList<long>? Shape(string name) => Shapes.FirstOrDefault(s => s.Name == name)?.Dims;
}
