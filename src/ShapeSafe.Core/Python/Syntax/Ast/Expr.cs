namespace ShapeSafe.Python.Syntax;

/// <summary>An expression node.</summary>
public abstract record Expr(TextRange Range) : Node(Range);
