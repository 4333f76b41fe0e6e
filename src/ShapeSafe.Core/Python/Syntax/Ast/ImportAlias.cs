namespace ShapeSafe.Python.Syntax;

/// <summary><c>name as asname</c> in an import; Name may be dotted (<c>torch.nn</c>) or <c>*</c>.</summary>
public sealed record ImportAlias(string Name, string? AsName, TextRange Range) : Node(Range);
