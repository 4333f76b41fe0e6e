using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>A constructor call in the source and how many modules it made (in a loop or a helper called twice, more than one).</summary>
public sealed class ConstructionSite(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public int Runs { get; set; }
}
