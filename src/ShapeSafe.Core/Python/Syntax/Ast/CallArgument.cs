namespace ShapeSafe.Python.Syntax;

/// <summary>One argument of a call, with its keyword (null unless Kind is Keyword).</summary>
public sealed record CallArgument(ArgumentKind Kind, string? Keyword, Expr Value, TextRange Range) : Node(Range);
