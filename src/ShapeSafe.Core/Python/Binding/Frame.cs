using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding;

/// <summary>One running function: its locals, the value it returns, and what <c>super()</c> needs.</summary>
internal sealed class Frame(Scope locals, PyFunction? function, PyValue? firstArgument)
{
    public Scope Locals { get; } = locals;

    public PyFunction? Function { get; } = function;

    /// <summary>The first argument (<c>self</c>), for <c>super()</c>.</summary>
    public PyValue? FirstArgument { get; } = firstArgument;

    public PyValue ReturnValue { get; set; } = PyNone.Instance;
}
