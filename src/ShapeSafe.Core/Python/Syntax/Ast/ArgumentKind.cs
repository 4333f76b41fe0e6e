namespace ShapeSafe.Python.Syntax;

/// <summary>How a call argument is passed: f(x), f(k=x), f(*xs), f(**kw).</summary>
public enum ArgumentKind
{
    Positional,
    Keyword,
    Star,
    DoubleStar,
}
