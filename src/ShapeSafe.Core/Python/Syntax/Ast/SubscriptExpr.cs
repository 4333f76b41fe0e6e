namespace ShapeSafe.Python.Syntax;

/// <summary><c>value[index]</c>; a tuple index (<c>x[:, 0]</c>) is a <see cref="TupleExpr"/>.</summary>
public sealed record SubscriptExpr(Expr Value, Expr Index, TextRange Range) : Expr(Range);
