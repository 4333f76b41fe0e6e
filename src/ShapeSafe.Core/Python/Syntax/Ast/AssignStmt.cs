namespace ShapeSafe.Python.Syntax;

/// <summary><c>a = b = value</c>: one or more targets.</summary>
public sealed record AssignStmt(IReadOnlyList<Expr> Targets, Expr Value, TextRange Range) : Stmt(Range);
