namespace ShapeSafe.Python.Syntax;

/// <summary>One replacement field of an f-string: <c>{</c> at <see cref="Open"/>, the expression text, and the end just after its <c>}</c>; nested format-spec fields are not top-level.</summary>
internal readonly record struct FStringField(int Open, int ExprStart, int ExprEnd, int End, bool TopLevel);
