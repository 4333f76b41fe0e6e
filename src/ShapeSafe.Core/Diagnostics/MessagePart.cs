namespace ShapeSafe.Diagnostics;

/// <summary>A catalog template with its typed arguments, rendered on demand (a diagnostic's <see cref="Diagnostic.Suffix"/>).</summary>
public sealed record MessagePart(string Format, IReadOnlyList<object?> Arguments)
{
    public static MessagePart Empty { get; } = new(string.Empty, []);

    public string Render() => Diagnostic.Render(Format, Arguments);

    /// <summary>The rendered text, so a part can be an argument of another template.</summary>
    public override string ToString() => Render();
}
