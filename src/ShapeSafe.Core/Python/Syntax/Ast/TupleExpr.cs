namespace ShapeSafe.Python.Syntax;

/// <summary><c>(a, b)</c> or <c>a, b</c> (<see cref="Parenthesized"/> tells which).</summary>
public sealed record TupleExpr(IReadOnlyList<Expr> Elements, bool Parenthesized, TextRange Range) : Expr(Range);
