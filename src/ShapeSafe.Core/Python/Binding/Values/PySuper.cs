namespace ShapeSafe.Python.Binding.Values;

/// <summary><c>super()</c> inside a method of <see cref="Class"/>, bound to <see cref="Self"/>.</summary>
public sealed class PySuper(PyClass type, PyValue self) : PyValue
{
    public PyClass Class { get; } = type;

    public PyValue Self { get; } = self;

    public override string TypeName => "super";
}
