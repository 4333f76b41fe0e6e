namespace ShapeSafe.Python.Syntax;

/// <summary><c>from ..module import a as b</c>; Module may be null for <c>from . import x</c>.</summary>
public sealed record ImportFromStmt(string? Module, IReadOnlyList<ImportAlias> Names, int Level, TextRange Range) : Stmt(Range);
