namespace ShapeSafe.Python.Syntax;

/// <summary><c>match subject:</c> with its cases.</summary>
public sealed record MatchStmt(Expr Subject, IReadOnlyList<MatchCase> Cases, TextRange Range) : Stmt(Range);
