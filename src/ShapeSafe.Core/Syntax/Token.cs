namespace ShapeSafe.Syntax;

/// <summary>A token of one model-file line; <see cref="Start"/> and <see cref="End"/> are 0-based offsets into the line.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End);
