namespace ShapeSafe.Python.Syntax;

/// <summary>and / or.</summary>
public enum BoolOperator
{
    And,
    Or,
}
