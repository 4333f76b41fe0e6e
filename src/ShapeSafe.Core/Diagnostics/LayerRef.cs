namespace ShapeSafe.Diagnostics;

/// <summary>The layer a diagnostic is about: its line (0 when not from a file), name and type.</summary>
public sealed record LayerRef(int Line, string Name, string Type)
{
    public override string ToString() => Line > 0 ? $"{Name} ({Type}, line {Line})" : $"{Name} ({Type})";
}
