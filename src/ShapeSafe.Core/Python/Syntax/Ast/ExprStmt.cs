namespace ShapeSafe.Python.Syntax;

/// <summary>An expression used as a statement (a call, a docstring).</summary>
public sealed record ExprStmt(Expr Value, TextRange Range) : Stmt(Range);
