namespace ShapeSafe.Python.Syntax;

/// <summary><c>del a, b</c>.</summary>
public sealed record DeleteStmt(IReadOnlyList<Expr> Targets, TextRange Range) : Stmt(Range);
