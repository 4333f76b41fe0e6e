namespace ShapeSafe.Python.Syntax;

/// <summary><c>a &lt; b &lt;= c</c>: chained comparisons.</summary>
public sealed record CompareExpr(Expr Left, IReadOnlyList<CompareOperator> Ops, IReadOnlyList<Expr> Comparators, TextRange Range) : Expr(Range);
