namespace ShapeSafe.Python.Syntax;

/// <summary><c>global a, b</c>.</summary>
public sealed record GlobalStmt(IReadOnlyList<string> Names, TextRange Range) : Stmt(Range);
