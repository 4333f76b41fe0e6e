namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// A function the binder implements: a Python builtin (<c>len</c>), a torch function (<c>torch.cat</c>), or a method of a
/// value (<c>x.view</c>, <c>list.append</c>), bound to <see cref="Self"/>. <see cref="Name"/> is the canonical name.
/// </summary>
public sealed class PyBuiltin(string name, BuiltinFunction function, PyValue? self = null) : PyValue
{
    public string Name { get; } = name;

    public BuiltinFunction Function { get; } = function;

    public PyValue? Self { get; } = self;

    public override string TypeName => "builtin_function_or_method";

    public override string ToString() => $"<built-in {Name}>";
}
