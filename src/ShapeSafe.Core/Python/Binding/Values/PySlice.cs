namespace ShapeSafe.Python.Binding.Values;

/// <summary>A slice <c>lower:upper:step</c>; an omitted part is <see cref="PyNone"/>.</summary>
public sealed class PySlice(PyValue lower, PyValue upper, PyValue step) : PyValue
{
    public PyValue Lower { get; } = lower;

    public PyValue Upper { get; } = upper;

    public PyValue Step { get; } = step;

    public override string TypeName => "slice";
}
