namespace ShapeSafe.Python.Syntax;

/// <summary><c>target: annotation = value</c> (value may be null).</summary>
public sealed record AnnAssignStmt(Expr Target, Expr Annotation, Expr? Value, TextRange Range) : Stmt(Range);
