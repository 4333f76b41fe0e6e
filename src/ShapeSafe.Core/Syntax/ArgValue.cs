using System.Globalization;

namespace ShapeSafe.Syntax;

/// <summary>Kinds of value that a constructor argument can hold, as in Python.</summary>
public enum ArgKind
{
    Int,
    Float,
    Bool,
    String,
    Tuple,
    None,
}

/// <summary>
/// An evaluated constructor argument, with the exact source text it came from (so a fix can
/// replace <c>32 * 8 * 8</c> by <c>32 * 16 * 16</c>) and its span.
/// </summary>
public sealed record ArgValue(ArgKind Kind, SourceSpan Span, string Text)
{
    public long Int { get; init; }

    public double Float { get; init; }

    public bool Bool { get; init; }

    public string Str { get; init; } = string.Empty;

    public IReadOnlyList<ArgValue> Items { get; init; } = [];

    public static ArgValue OfInt(long value, SourceSpan span, string text) => new(ArgKind.Int, span, text) { Int = value };

    public static ArgValue OfFloat(double value, SourceSpan span, string text) => new(ArgKind.Float, span, text) { Float = value };

    public static ArgValue OfBool(bool value, SourceSpan span, string text) => new(ArgKind.Bool, span, text) { Bool = value };

    public static ArgValue OfString(string value, SourceSpan span, string text) => new(ArgKind.String, span, text) { Str = value };

    public static ArgValue OfTuple(IReadOnlyList<ArgValue> items, SourceSpan span, string text) => new(ArgKind.Tuple, span, text) { Items = items };

    public static ArgValue OfNone(SourceSpan span, string text) => new(ArgKind.None, span, text);

    /// <summary>Python's own name for the kind, used in messages ("expected int, got str").</summary>
    public string PythonTypeName => Kind switch
    {
        ArgKind.Int => "int",
        ArgKind.Float => "float",
        ArgKind.Bool => "bool",
        ArgKind.String => "str",
        ArgKind.Tuple => "tuple",
        _ => "None",
    };

    /// <summary>The value written back as Python source.</summary>
    public string ToPython() => Kind switch
    {
        ArgKind.Int => Int.ToString(CultureInfo.InvariantCulture),
        ArgKind.Float => ShapeSafe.Layers.PyTorchText.Float(Float),
        ArgKind.Bool => Bool ? "True" : "False",
        ArgKind.String => $"'{Str}'",
        ArgKind.Tuple => "(" + string.Join(", ", Items.Select(i => i.ToPython())) + (Items.Count == 1 ? ",)" : ")"),
        _ => "None",
    };
}
