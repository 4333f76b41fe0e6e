namespace ShapeSafe.Python.Syntax;

/// <summary><c>def name(params) -&gt; returns: body</c>.</summary>
public sealed record FunctionDefStmt(string Name, TextRange NameRange, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Stmt> Body, IReadOnlyList<Expr> Decorators, Expr? Returns, bool IsAsync, TextRange Range) : Stmt(Range);
