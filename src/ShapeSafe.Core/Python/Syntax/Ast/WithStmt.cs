namespace ShapeSafe.Python.Syntax;

/// <summary><c>with a as b, c: body</c>.</summary>
public sealed record WithStmt(IReadOnlyList<WithItem> Items, IReadOnlyList<Stmt> Body, bool IsAsync, TextRange Range) : Stmt(Range);
