namespace ShapeSafe.Python.Syntax;

/// <summary>A range of a source file as UTF-16 offsets: <see cref="Start"/> inclusive, <see cref="End"/> exclusive (Ruff's TextRange).</summary>
public readonly record struct TextRange(int Start, int End)
{
    public static readonly TextRange Empty = new(0, 0);

    public int Length => End - Start;

    public TextRange Cover(TextRange other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public override string ToString() => $"{Start}..{End}";
}
