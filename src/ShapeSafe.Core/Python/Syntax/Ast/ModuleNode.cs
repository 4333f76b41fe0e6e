namespace ShapeSafe.Python.Syntax;

/// <summary>A whole parsed file: its statements.</summary>
public sealed record ModuleNode(IReadOnlyList<Stmt> Body, TextRange Range) : Node(Range);
