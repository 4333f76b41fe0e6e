using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>A value the binder did not follow: <see cref="Reason"/> says what, <see cref="Span"/> where it arose. Nothing is checked against it.</summary>
public sealed class PyUnknown(string reason, SourceSpan span) : PyValue
{
    public string Reason { get; } = reason;

    public SourceSpan Span { get; } = span;

    /// <summary>
    /// True for a name the checker does not model (<c>np.zeros</c>, <c>x.stft</c>): calling it gets a note. Values derived
    /// from something already noted are not noted again.
    /// </summary>
    public bool IsName { get; init; }

    public override string TypeName => "unknown";

    public override bool? Truth => null;

    public override string ToString() => "?";
}
