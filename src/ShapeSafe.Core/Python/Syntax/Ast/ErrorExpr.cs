namespace ShapeSafe.Python.Syntax;

/// <summary>Where an expression was expected but could not be parsed; the parser's diagnostic says why.</summary>
public sealed record ErrorExpr(TextRange Range) : Expr(Range);
