namespace ShapeSafe.Python.Syntax;

/// <summary>
/// One token: its kind, exact range and, where it has one, its decoded value: a name's identifier, a plain string's
/// decoded text (null for f-strings, which the parser splits), a keyword's text, an error token's message. Numbers keep
/// their value in the source text (<see cref="Flags"/> tells int, float or imaginary).
/// </summary>
public readonly struct PyToken
{
    public PyToken(PyTokenKind kind, TextRange range, string? value = null, PyTokenFlags flags = PyTokenFlags.None)
    {
        Value = value;
        Range = range;
        Kind = kind;
        Flags = flags;
    }

    public string? Value { get; }

    public TextRange Range { get; }

    public PyTokenKind Kind { get; }

    public PyTokenFlags Flags { get; }

    public int Start => Range.Start;

    public int End => Range.End;

    public override string ToString() => Value is null ? $"{Kind}@{Range}" : $"{Kind}@{Range} '{Value}'";
}
