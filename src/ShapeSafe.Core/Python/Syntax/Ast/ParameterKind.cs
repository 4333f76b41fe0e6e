namespace ShapeSafe.Python.Syntax;

/// <summary>How a parameter may be passed, as inspect.Parameter.kind.</summary>
public enum ParameterKind
{
    PositionalOnly,
    PositionalOrKeyword,
    VarPositional,
    KeywordOnly,
    VarKeyword,
}
