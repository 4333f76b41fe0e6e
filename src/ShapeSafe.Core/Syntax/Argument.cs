namespace ShapeSafe.Syntax;

/// <summary>One argument as written in a call: positional (<see cref="Keyword"/> null) or keyword.</summary>
public sealed record Argument(string? Keyword, SourceSpan KeywordSpan, ArgValue Value);
