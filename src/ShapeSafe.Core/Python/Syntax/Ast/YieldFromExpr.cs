namespace ShapeSafe.Python.Syntax;

/// <summary><c>yield from value</c>.</summary>
public sealed record YieldFromExpr(Expr Value, TextRange Range) : Expr(Range);
