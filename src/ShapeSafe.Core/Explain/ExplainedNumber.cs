namespace ShapeSafe.Explain;

/// <summary>
/// One number read from an error message, with what it means: <c>batch = 128</c>,
/// "rows of the input: the batch size". <see cref="Name"/> is a stable snake_case id (see docs/explain.md).
/// </summary>
public sealed record ExplainedNumber(string Name, long Value, string Meaning);
