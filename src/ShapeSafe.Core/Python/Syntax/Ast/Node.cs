namespace ShapeSafe.Python.Syntax;

/// <summary>Every syntax node: an exact range of the source it was parsed from. Nodes are immutable data.</summary>
public abstract record Node(TextRange Range);
