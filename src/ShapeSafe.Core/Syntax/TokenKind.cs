namespace ShapeSafe.Syntax;

internal enum TokenKind
{
    Name,
    Int,
    Float,
    String,
    Punct,
    End,
}
