namespace ShapeSafe.Python.Syntax;

/// <summary><c>lambda params: body</c>.</summary>
public sealed record LambdaExpr(IReadOnlyList<Parameter> Parameters, Expr Body, TextRange Range) : Expr(Range);
