namespace ShapeSafe.Python.Syntax;

/// <summary><c>op operand</c>.</summary>
public sealed record UnaryExpr(UnaryOperator Op, Expr Operand, TextRange Range) : Expr(Range);
