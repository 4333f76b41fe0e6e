using ShapeSafe.Shapes;

namespace ShapeSafe.Dataflow;

/// <summary>
/// A tensor a module owns itself (not through a child): an <c>nn.Parameter</c> or <c>register_parameter</c>, or a
/// <c>register_buffer</c> (<see cref="Persistent"/> false for <c>persistent=False</c>, which <c>state_dict</c> leaves out),
/// or a plain tensor attribute set in <c>__init__</c>. <see cref="Shape"/> is null when not known.
/// </summary>
public sealed record ModuleTensor(string Name, Shape? Shape, TensorInit Init, bool Persistent = true)
{
    public override string ToString() => $"{Name}: {Shape?.ToString() ?? "?"} {Init}" + (Persistent ? string.Empty : " (not persistent)");
}
