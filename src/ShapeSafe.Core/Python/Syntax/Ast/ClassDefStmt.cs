namespace ShapeSafe.Python.Syntax;

/// <summary><c>class Name(bases, keyword=...): body</c>.</summary>
public sealed record ClassDefStmt(string Name, TextRange NameRange, IReadOnlyList<CallArgument> Bases, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr> Decorators, TextRange Range) : Stmt(Range);
