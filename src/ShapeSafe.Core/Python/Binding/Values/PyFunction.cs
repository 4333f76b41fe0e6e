using ShapeSafe.Python.Binding;
using ShapeSafe.Python.Syntax;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// A function written in the file (a <c>def</c> or a <c>lambda</c>): its parameters with the defaults evaluated where
/// it was defined, and the scope it closes over. <see cref="DefiningClass"/> is the class whose body defined it (for <c>super()</c>).
/// </summary>
public sealed class PyFunction : PyValue
{
    public PyFunction(string name, IReadOnlyList<Parameter> parameters, PyValue?[] defaults, Scope closure)
    {
        Name = name;
        Parameters = parameters;
        Defaults = defaults;
        Closure = closure;
    }

    public string Name { get; }

    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Each parameter's default, evaluated at definition (null: none).</summary>
    public PyValue?[] Defaults { get; }

    public Scope Closure { get; }

    /// <summary>The body of a <c>def</c>; null for a lambda.</summary>
    public IReadOnlyList<Stmt>? Body { get; init; }

    /// <summary>The expression of a lambda; null for a <c>def</c>.</summary>
    public Expr? LambdaBody { get; init; }

    public PyClass? DefiningClass { get; set; }

    /// <summary>Decorated with <c>@staticmethod</c>.</summary>
    public bool IsStatic { get; init; }

    /// <summary>Decorated with <c>@classmethod</c>.</summary>
    public bool IsClassMethod { get; init; }

    /// <summary>Decorated with <c>@property</c>.</summary>
    public bool IsProperty { get; init; }

    /// <summary>A generator (its body yields): calling it is not followed.</summary>
    public bool IsGenerator { get; init; }

    public override string TypeName => "function";

    public override string ToString() => $"<function {Name}>";
}
