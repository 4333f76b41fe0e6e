namespace ShapeSafe.Python.Syntax;

/// <summary>A statement that could not be parsed (the parser resynchronised at the next line); the parser's diagnostic says why.</summary>
public sealed record ErrorStmt(TextRange Range) : Stmt(Range);
