namespace ShapeSafe.Python.Syntax;

/// <summary><c>except Type as name: body</c> (Type and name may be null).</summary>
public sealed record ExceptHandler(Expr? Type, string? Name, IReadOnlyList<Stmt> Body, TextRange Range) : Node(Range);
