namespace ShapeSafe.Python.Syntax;

/// <summary>A comparison operator, as Python's ast.cmpop.</summary>
public enum CompareOperator
{
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
