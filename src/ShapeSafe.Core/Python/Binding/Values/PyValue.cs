namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// A Python value as the binder knows it: a concrete constant, a container, a callable, a module object, an
/// abstract tensor, or <see cref="PyUnknown"/>. Values are what <c>__init__</c> computes concretely and what
/// <c>forward</c> computes abstractly.
/// </summary>
public abstract class PyValue
{
    /// <summary>Python's type name (<c>int</c>, <c>Tensor</c>, <c>Conv2d</c>), for messages.</summary>
    public abstract string TypeName { get; }

    /// <summary>Python truthiness when it is known without running anything; null when it is not.</summary>
    public virtual bool? Truth => true;
}
