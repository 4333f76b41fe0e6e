namespace ShapeSafe.Python.Syntax;

/// <summary>One <c>for target in iter if cond</c> clause of a comprehension.</summary>
public sealed record Comprehension(Expr Target, Expr Iter, IReadOnlyList<Expr> Ifs, bool IsAsync, TextRange Range) : Node(Range);
