namespace ShapeSafe.Python.Syntax;

/// <summary>None, True, False or ... (Ellipsis).</summary>
public sealed record ConstantExpr(ConstantKind Kind, TextRange Range) : Expr(Range);
