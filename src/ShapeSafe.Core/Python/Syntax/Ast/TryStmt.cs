namespace ShapeSafe.Python.Syntax;

/// <summary><c>try/except/else/finally</c>; IsStar for <c>except*</c>.</summary>
public sealed record TryStmt(IReadOnlyList<Stmt> Body, IReadOnlyList<ExceptHandler> Handlers, IReadOnlyList<Stmt> OrElse, IReadOnlyList<Stmt> FinalBody, bool IsStar, TextRange Range) : Stmt(Range);
