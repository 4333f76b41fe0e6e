namespace ShapeSafe.Python.Syntax;

/// <summary><c>value.attr</c>.</summary>
public sealed record AttributeExpr(Expr Value, string Attr, TextRange AttrRange, TextRange Range) : Expr(Range);
