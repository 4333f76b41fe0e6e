namespace ShapeSafe.Python.Syntax;

/// <summary><c>type Name[T] = value</c> (Python 3.12).</summary>
public sealed record TypeAliasStmt(string Name, Expr Value, TextRange Range) : Stmt(Range);
