using ShapeSafe.Shapes;

namespace ShapeSafe.Checking;

/// <summary>What the caller decides for a check: input shapes (one per <c>forward</c> argument) and, for Python, the class.</summary>
public sealed record CheckRequest
{
    /// <summary>Input shapes, overriding the file's own declaration; empty to read them from the file.</summary>
    public IReadOnlyList<Shape> Inputs { get; init; } = [];

    /// <summary>The <c>nn.Module</c> subclass to check in a Python file; null lets the checker choose.</summary>
    public string? ClassName { get; init; }
}
