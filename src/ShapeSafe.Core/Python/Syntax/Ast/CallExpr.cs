namespace ShapeSafe.Python.Syntax;

/// <summary><c>func(args)</c>; arguments in source order.</summary>
public sealed record CallExpr(Expr Func, IReadOnlyList<CallArgument> Arguments, TextRange Range) : Expr(Range);
