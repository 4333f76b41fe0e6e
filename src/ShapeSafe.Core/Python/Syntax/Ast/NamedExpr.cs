namespace ShapeSafe.Python.Syntax;

/// <summary><c>target := value</c>.</summary>
public sealed record NamedExpr(Expr Target, Expr Value, TextRange Range) : Expr(Range);
