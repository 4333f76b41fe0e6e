namespace ShapeSafe.Python.Syntax;

/// <summary><c>import a.b as c, d</c>.</summary>
public sealed record ImportStmt(IReadOnlyList<ImportAlias> Names, TextRange Range) : Stmt(Range);
