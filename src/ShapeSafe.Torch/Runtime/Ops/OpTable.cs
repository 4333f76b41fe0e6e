using ShapeSafe.Dataflow;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Every op the runtime runs, keyed by node kind and target; built once from the op families.</summary>
internal static class OpTable
{
    private static readonly Dictionary<string, Op> Ops = ActivationOps.All
        .Concat(ShapeOps.All).Concat(ReductionOps.All).Concat(MatmulOps.All).Concat(OperatorOps.All)
        .Concat(IndexOps.All).Concat(FactoryOps.All).Concat(ResizeOps.All).Concat(SizeOps.All).Concat(WeightOps.All)
        .Concat(PoolOps.All).Concat(BuiltinOps.All)
        .Concat(MathOps.All).Concat(BinaryOps.All).Concat(CastOps.All).Concat(FillOps.All).Concat(OrderOps.All)
        .ToDictionary(e => Key(e.Kind, e.Target), e => e.Run, StringComparer.Ordinal);

    /// <summary>The supported targets as <c>kind:target</c>, sorted (for reports and docs).</summary>
    public static IReadOnlyList<string> Targets => [.. Ops.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The op for a function, method or operator node; null when the runtime has none.</summary>
    public static Op? Find(Node node) =>
        KindOf(node.Kind) is { } kind && Ops.TryGetValue(Key(kind, node.Target), out var op) ? op : null;

    private static string? KindOf(NodeKind kind) =>
        kind switch
        {
            NodeKind.CallFunction => "function",
            NodeKind.CallMethod => "method",
            NodeKind.Operator => "operator",
            _ => null,
        };

    private static string Key(string kind, string target) => kind + ":" + target;
}
