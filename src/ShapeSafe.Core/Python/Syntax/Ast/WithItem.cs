namespace ShapeSafe.Python.Syntax;

/// <summary><c>context as target</c> in a with statement.</summary>
public sealed record WithItem(Expr Context, Expr? Target, TextRange Range) : Node(Range);
