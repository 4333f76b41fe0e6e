namespace ShapeSafe.Python.Syntax;

/// <summary><c>raise exc from cause</c>; both may be null.</summary>
public sealed record RaiseStmt(Expr? Exception, Expr? Cause, TextRange Range) : Stmt(Range);
