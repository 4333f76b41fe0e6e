namespace ShapeSafe.Python.Syntax;

/// <summary><c>await value</c>.</summary>
public sealed record AwaitExpr(Expr Value, TextRange Range) : Expr(Range);
