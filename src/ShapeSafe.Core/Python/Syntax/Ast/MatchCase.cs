namespace ShapeSafe.Python.Syntax;

/// <summary><c>case pattern if guard: body</c>; patterns are parsed as expressions (<c>_</c> and captures are names, <c>a | b</c> a BitOr).</summary>
public sealed record MatchCase(Expr Pattern, Expr? Guard, IReadOnlyList<Stmt> Body, TextRange Range) : Node(Range);
