namespace ShapeSafe.Python.Syntax;

/// <summary>One or more adjacent string literals, concatenated. <see cref="Value"/> is the decoded text; for an f-string its literal parts with each replacement field kept as written; <see cref="Parts"/> holds the expressions of f-string replacement fields.</summary>
public sealed record StringExpr(string Value, bool IsBytes, bool IsFString, IReadOnlyList<Expr> Parts, TextRange Range) : Expr(Range);
