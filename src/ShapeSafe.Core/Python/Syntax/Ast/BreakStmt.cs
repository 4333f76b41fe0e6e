namespace ShapeSafe.Python.Syntax;

/// <summary><c>break</c>.</summary>
public sealed record BreakStmt(TextRange Range) : Stmt(Range);
