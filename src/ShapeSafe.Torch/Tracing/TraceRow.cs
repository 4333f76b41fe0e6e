using ShapeSafe.Shapes;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// One call of a leaf module during the traced forward pass, in call order. A module called twice
/// (a reused <c>pool</c>) gives two rows with the same <see cref="Path"/> and <see cref="Call"/> 1 and 2.
/// </summary>
public sealed record TraceRow
{
    /// <summary>Position in call order, from 1.</summary>
    public required int Index { get; init; }

    /// <summary>The module's dotted path from named_modules(): <c>fc1</c>, <c>features.3</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The module class: Conv2d, Linear, MaxPool2d, or a custom leaf module's class name.</summary>
    public required string Type { get; init; }

    /// <summary>The module as PyTorch would construct it, read from its weights and properties: <c>Linear(2048, 128)</c>.</summary>
    public required string Construction { get; init; }

    /// <summary>Which call of this module the row is, from 1.</summary>
    public required int Call { get; init; }

    /// <summary>The input shape; null when the module does not take a single tensor.</summary>
    public Shape? InputShape { get; init; }

    /// <summary>The output shape; null when the call failed or the module does not return a single tensor.</summary>
    public Shape? OutputShape { get; init; }

    /// <summary>Parameters of the module (each call of a reused module shows the same count).</summary>
    public long Parameters { get; init; }

    /// <summary>True for the call that raised the error that stopped the trace.</summary>
    public bool Failed { get; init; }
}
