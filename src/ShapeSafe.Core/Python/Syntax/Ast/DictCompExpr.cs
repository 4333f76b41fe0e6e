namespace ShapeSafe.Python.Syntax;

/// <summary><c>{key: value for ...}</c>.</summary>
public sealed record DictCompExpr(Expr Key, Expr Value, IReadOnlyList<Comprehension> Generators, TextRange Range) : Expr(Range);
