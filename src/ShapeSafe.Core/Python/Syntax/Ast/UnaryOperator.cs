namespace ShapeSafe.Python.Syntax;

/// <summary>A unary operator, as Python's ast.unaryop.</summary>
public enum UnaryOperator
{
    Invert,
    Not,
    UAdd,
    USub,
}
