namespace ShapeSafe.Python.Syntax;

/// <summary>A binary arithmetic or bitwise operator, as Python's ast.operator.</summary>
public enum BinaryOperator
{
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}
