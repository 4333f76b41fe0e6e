namespace ShapeSafe.Python.Syntax;

/// <summary><c>return value</c> (value may be null).</summary>
public sealed record ReturnStmt(Expr? Value, TextRange Range) : Stmt(Range);
