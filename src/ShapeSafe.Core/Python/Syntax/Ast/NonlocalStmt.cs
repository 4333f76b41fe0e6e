namespace ShapeSafe.Python.Syntax;

/// <summary><c>nonlocal a, b</c>.</summary>
public sealed record NonlocalStmt(IReadOnlyList<string> Names, TextRange Range) : Stmt(Range);
