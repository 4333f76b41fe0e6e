namespace ShapeSafe.Python.Syntax;

/// <summary><c>pass</c>.</summary>
public sealed record PassStmt(TextRange Range) : Stmt(Range);
