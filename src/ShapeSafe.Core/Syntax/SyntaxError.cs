namespace ShapeSafe.Syntax;

/// <summary>Raised inside the line parser only, and turned into an SS0001 diagnostic with a caret; never escapes the parser.</summary>
internal sealed class SyntaxError(string message, int start, int end) : Exception(message)
{
    public int Start { get; } = start;

    public int End { get; } = end;
}
