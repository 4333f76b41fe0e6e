namespace ShapeSafe.Python.Syntax;

/// <summary><c>(elt for ...)</c>.</summary>
public sealed record GeneratorExpr(Expr Element, IReadOnlyList<Comprehension> Generators, TextRange Range) : Expr(Range);
