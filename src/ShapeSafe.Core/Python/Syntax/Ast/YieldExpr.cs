namespace ShapeSafe.Python.Syntax;

/// <summary><c>yield value</c> (value may be null).</summary>
public sealed record YieldExpr(Expr? Value, TextRange Range) : Expr(Range);
