namespace ShapeSafe.Python.Syntax;

/// <summary>The kind of a literal constant.</summary>
public enum ConstantKind
{
    None,
    True,
    False,
    Ellipsis,
}
