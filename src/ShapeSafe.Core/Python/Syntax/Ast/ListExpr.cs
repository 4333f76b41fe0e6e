namespace ShapeSafe.Python.Syntax;

/// <summary><c>[a, b]</c>.</summary>
public sealed record ListExpr(IReadOnlyList<Expr> Elements, TextRange Range) : Expr(Range);
