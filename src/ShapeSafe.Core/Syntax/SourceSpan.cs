namespace ShapeSafe.Syntax;

/// <summary>A range on one line of a source file. Line and columns are 1-based; <see cref="EndColumn"/> is exclusive.</summary>
public readonly record struct SourceSpan(int Line, int Column, int EndColumn)
{
    public static readonly SourceSpan None = new(0, 0, 0);

    public int Length => EndColumn - Column;

    public bool IsNone => Line == 0;

    public override string ToString() => $"{Line}:{Column}";
}
