namespace ShapeSafe.Python.Syntax;

/// <summary>A statement node.</summary>
public abstract record Stmt(TextRange Range) : Node(Range);
