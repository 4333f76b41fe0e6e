namespace ShapeSafe.Python.Syntax;

/// <summary><c>for target in iter: body else: orelse</c>.</summary>
public sealed record ForStmt(Expr Target, Expr Iter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> OrElse, bool IsAsync, TextRange Range) : Stmt(Range);
