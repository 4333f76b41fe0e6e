namespace ShapeSafe.Python.Syntax;

/// <summary>An integer literal. <see cref="Value"/> is null when it does not fit in 64 bits.</summary>
public sealed record IntExpr(long? Value, string Text, TextRange Range) : Expr(Range);
