namespace ShapeSafe.Python.Syntax;

/// <summary>A name: <c>x</c>, <c>self</c>, <c>nn</c>.</summary>
public sealed record NameExpr(string Id, TextRange Range) : Expr(Range);
