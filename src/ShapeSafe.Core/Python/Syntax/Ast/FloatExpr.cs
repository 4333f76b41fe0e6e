namespace ShapeSafe.Python.Syntax;

/// <summary>A float literal (<c>1e-3</c>, <c>.5</c>).</summary>
public sealed record FloatExpr(double Value, TextRange Range) : Expr(Range);
