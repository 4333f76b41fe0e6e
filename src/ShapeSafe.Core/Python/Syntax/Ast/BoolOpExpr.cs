namespace ShapeSafe.Python.Syntax;

/// <summary><c>a and b and c</c> / <c>a or b</c>.</summary>
public sealed record BoolOpExpr(BoolOperator Op, IReadOnlyList<Expr> Values, TextRange Range) : Expr(Range);
