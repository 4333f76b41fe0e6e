namespace ShapeSafe.Python.Syntax;

/// <summary><c>if test: body</c>, with <c>elif</c> as a nested IfStmt alone in OrElse.</summary>
public sealed record IfStmt(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, TextRange Range) : Stmt(Range);
