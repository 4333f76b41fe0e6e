namespace ShapeSafe.Python.Syntax;

/// <summary>An imaginary literal (<c>1j</c>).</summary>
public sealed record ImaginaryExpr(double Value, TextRange Range) : Expr(Range);
