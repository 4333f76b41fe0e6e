namespace ShapeSafe.Python.Binding.Values;

/// <summary>A function bound to an instance (<c>self.block</c>, <c>self._make_layer</c>).</summary>
public sealed class PyBoundMethod(PyValue self, PyFunction function) : PyValue
{
    public PyValue Self { get; } = self;

    public PyFunction Function { get; } = function;

    public override string TypeName => "method";
}
