namespace ShapeSafe.Python.Syntax;

/// <summary><c>lower:upper:step</c> inside a subscript; each part may be null.</summary>
public sealed record SliceExpr(Expr? Lower, Expr? Upper, Expr? Step, TextRange Range) : Expr(Range);
