namespace ShapeSafe.Python.Syntax;

/// <summary>A <c># comment</c>: its range and text, both including the <c>#</c> and excluding the line end.</summary>
public readonly record struct PyComment(TextRange Range, string Text);
