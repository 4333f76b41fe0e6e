using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>A constructor call in the source and how many modules it made (in a loop or a helper called twice, more than one).</summary>
public sealed class ConstructionSite(SourceSpan span, string text)
{
    public SourceSpan Span { get; } = span;

    /// <summary>The constructor call as written (<c>nn.Linear(32 * 8 * 8, 128)</c>).</summary>
    public string Text { get; } = text;

    public int Runs { get; set; }
}
