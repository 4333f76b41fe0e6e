namespace ShapeSafe.Python.Syntax;

/// <summary><c>continue</c>.</summary>
public sealed record ContinueStmt(TextRange Range) : Stmt(Range);
