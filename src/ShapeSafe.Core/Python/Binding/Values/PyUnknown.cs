using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>A value the binder did not follow: <see cref="Reason"/> says what, <see cref="Span"/> where it arose. Nothing is checked against it.</summary>
public sealed class PyUnknown(string reason, SourceSpan span) : PyValue
{
    public string Reason { get; } = reason;

    public SourceSpan Span { get; } = span;

    public override string TypeName => "unknown";

    public override bool? Truth => null;

    public override string ToString() => "?";
}
