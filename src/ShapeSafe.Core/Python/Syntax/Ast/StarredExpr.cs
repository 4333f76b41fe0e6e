namespace ShapeSafe.Python.Syntax;

/// <summary><c>*value</c> in a list, tuple or assignment target.</summary>
public sealed record StarredExpr(Expr Value, TextRange Range) : Expr(Range);
