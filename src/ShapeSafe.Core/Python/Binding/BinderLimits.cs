namespace ShapeSafe.Python.Binding;

/// <summary>Caps on the work one check may do, so a pathological file cannot hang or overflow the stack.</summary>
public sealed record BinderLimits
{
    public static readonly BinderLimits Default = new();

    /// <summary>Statements and calls evaluated in all.</summary>
    public int MaxSteps { get; init; } = 400_000;

    /// <summary>Nested Python calls.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Iterations of one loop.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Nested expressions evaluated at once (deeply nested source).</summary>
    public int MaxExpressionDepth { get; init; } = 400;
}
