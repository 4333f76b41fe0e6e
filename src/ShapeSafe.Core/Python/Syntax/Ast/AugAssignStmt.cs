namespace ShapeSafe.Python.Syntax;

/// <summary><c>target op= value</c>.</summary>
public sealed record AugAssignStmt(Expr Target, BinaryOperator Op, Expr Value, TextRange Range) : Stmt(Range);
