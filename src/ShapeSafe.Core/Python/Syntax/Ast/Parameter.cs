namespace ShapeSafe.Python.Syntax;

/// <summary>One parameter of a def or lambda.</summary>
public sealed record Parameter(string Name, ParameterKind Kind, Expr? Annotation, Expr? Default, TextRange NameRange, TextRange Range) : Node(Range);
