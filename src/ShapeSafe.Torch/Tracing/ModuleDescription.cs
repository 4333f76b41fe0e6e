using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Tracing;

/// <summary>
/// A module restated as the PyTorch constructor call that builds it (<c>Linear(2048, 128)</c>): its
/// class, its arguments in the rule's signature order (defaults left out), and what could not be read.
/// </summary>
internal sealed record ModuleDescription(string Type, IReadOnlyList<Argument> Arguments, bool HasRule, IReadOnlyList<string> Unread)
{
    /// <summary>True when the module is a class ShapeSafe does not know (a custom leaf module): its configuration is unknown.</summary>
    public bool Opaque { get; init; }

    public string Construction => Opaque ? $"{Type}(...)" : LayerCallBuilder.Render(Type, Arguments);
}
