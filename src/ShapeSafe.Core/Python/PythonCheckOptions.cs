using ShapeSafe.Shapes;

namespace ShapeSafe.Python;

/// <summary>What the caller decides for a Python check: the class to check and its input shapes (one per forward argument).</summary>
public sealed record PythonCheckOptions
{
    /// <summary>The nn.Module subclass to check; null lets the checker choose.</summary>
    public string? ClassName { get; init; }

    /// <summary>The shapes of the model's inputs; null reads them from the file.</summary>
    public IReadOnlyList<Shape>? Inputs { get; init; }
}
