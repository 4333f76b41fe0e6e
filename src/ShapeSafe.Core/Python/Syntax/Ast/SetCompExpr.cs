namespace ShapeSafe.Python.Syntax;

/// <summary><c>{elt for ...}</c>.</summary>
public sealed record SetCompExpr(Expr Element, IReadOnlyList<Comprehension> Generators, TextRange Range) : Expr(Range);
