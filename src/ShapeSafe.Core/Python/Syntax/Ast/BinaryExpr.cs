namespace ShapeSafe.Python.Syntax;

/// <summary><c>left op right</c>.</summary>
public sealed record BinaryExpr(Expr Left, BinaryOperator Op, Expr Right, TextRange Range) : Expr(Range);
