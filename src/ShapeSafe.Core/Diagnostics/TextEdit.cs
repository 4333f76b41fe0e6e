using ShapeSafe.Syntax;

namespace ShapeSafe.Diagnostics;

/// <summary>
/// A concrete edit of a model file: replace the text at <see cref="Span"/> by <see cref="NewText"/>.
/// An empty span (<c>Column == EndColumn</c>) is an insertion; <see cref="InsertLineBefore"/> inserts a whole new line.
/// </summary>
public sealed record TextEdit(SourceSpan Span, string NewText, bool InsertLineBefore = false)
{
    public static TextEdit Replace(SourceSpan span, string newText) => new(span, newText);

    public static TextEdit InsertLine(int beforeLine, string lineText) => new(new SourceSpan(beforeLine, 1, 1), lineText, true);
}
