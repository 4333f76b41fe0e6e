namespace ShapeSafe.Python.Syntax;

/// <summary><c>{k: v, **other}</c>; a null key is a <c>**</c> unpacking of its value.</summary>
public sealed record DictExpr(IReadOnlyList<Expr?> Keys, IReadOnlyList<Expr> Values, TextRange Range) : Expr(Range);
