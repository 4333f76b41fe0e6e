namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// One row of the op table: the node kind (<c>function</c>, <c>method</c>, <c>operator</c>), the target as the graph
/// writes it (<c>torch.cat</c>, <c>view</c>, <c>+</c>), and what runs it.
/// </summary>
internal sealed record OpEntry(string Kind, string Target, Op Run)
{
    public static OpEntry Function(string target, Op run) => new("function", target, run);

    public static OpEntry Method(string target, Op run) => new("method", target, run);

    public static OpEntry Operator(string target, Op run) => new("operator", target, run);

    /// <summary>The same op under <c>torch.X</c>, <c>torch.nn.functional.X</c> or <c>Tensor.X</c> as listed.</summary>
    public static IEnumerable<OpEntry> Functions(Op run, params string[] targets) => targets.Select(t => Function(t, run));

    public static IEnumerable<OpEntry> Methods(Op run, params string[] targets) => targets.Select(t => Method(t, run));
}
