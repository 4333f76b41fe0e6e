namespace ShapeSafe.Python.Syntax;

/// <summary><c>while test: body else: orelse</c>.</summary>
public sealed record WhileStmt(Expr Test, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, TextRange Range) : Stmt(Range);
