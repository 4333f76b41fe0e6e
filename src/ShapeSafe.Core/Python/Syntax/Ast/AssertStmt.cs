namespace ShapeSafe.Python.Syntax;

/// <summary><c>assert test, message</c>.</summary>
public sealed record AssertStmt(Expr Test, Expr? Message, TextRange Range) : Stmt(Range);
