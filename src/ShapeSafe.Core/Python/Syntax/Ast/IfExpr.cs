namespace ShapeSafe.Python.Syntax;

/// <summary><c>body if test else orelse</c>.</summary>
public sealed record IfExpr(Expr Test, Expr Body, Expr OrElse, TextRange Range) : Expr(Range);
