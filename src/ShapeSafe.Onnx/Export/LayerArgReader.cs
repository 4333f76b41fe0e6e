using ShapeSafe.Dataflow;
using ShapeSafe.Syntax;

namespace ShapeSafe.Onnx.Export;

/// <summary>A layer's bound constructor arguments (PyTorch names) with the sizes the check inferred, read for export.</summary>
internal sealed class LayerArgReader(ModuleInfo module, Node node)
{
    /// <summary>The call being exported, for messages.</summary>
    public Node Node => node;

    public ArgValue? this[string name] => module.Args?[name];

    public long Long(string name) =>
        this[name] is { Kind: ArgKind.Int } v ? v.Int
        : module.Inferred.TryGetValue(name, out var size) ? size
        : throw new UnmappableException(node, $"{name} was neither given nor inferred");

    public double Double(string name, double fallback) => this[name] switch
    {
        { Kind: ArgKind.Int } v => v.Int,
        { Kind: ArgKind.Float } v => v.Float,
        _ => fallback,
    };

    public bool Bool(string name, bool fallback) => this[name] is { Kind: ArgKind.Bool } v ? v.Bool : fallback;

    public string? String(string name) => this[name] is { Kind: ArgKind.String } v ? v.Str : null;

    public bool IsNone(string name) => this[name] is null or { Kind: ArgKind.None };

    /// <summary>An int-or-tuple expanded to <paramref name="rank"/> values (PyTorch's _single/_pair/_triple).</summary>
    public long[] Tuple(string name, int rank)
    {
        var v = this[name] ?? throw new UnmappableException(node, $"{name} is missing");
        if (v.Kind == ArgKind.Int)
        {
            return Enumerable.Repeat(v.Int, rank).ToArray();
        }

        if (v.Kind != ArgKind.Tuple || v.Items.Count != rank || v.Items.Any(i => i.Kind != ArgKind.Int))
        {
            throw new UnmappableException(node, $"{name}={v.ToPython()} is not an int or a tuple of {rank} ints");
        }

        return v.Items.Select(i => i.Int).ToArray();
    }

    /// <summary>Like <see cref="Tuple"/> but None items stay null (AdaptiveAvgPool2d((None, 7))).</summary>
    public long?[] OptionalTuple(string name, int rank)
    {
        var v = this[name] ?? throw new UnmappableException(node, $"{name} is missing");
        if (v.Kind is ArgKind.Int or ArgKind.None)
        {
            return Enumerable.Repeat(v.Kind == ArgKind.Int ? v.Int : (long?)null, rank).ToArray();
        }

        if (v.Items.Count != rank)
        {
            throw new UnmappableException(node, $"{name}={v.ToPython()} does not have {rank} values");
        }

        return v.Items.Select(i => i.Kind == ArgKind.Int ? i.Int : (long?)null).ToArray();
    }

    /// <summary>The values of an int-or-tuple as written.</summary>
    public long[] Ints(string name)
    {
        var v = this[name] ?? throw new UnmappableException(node, $"{name} is missing");
        return v.Kind == ArgKind.Int ? [v.Int] : v.Items.Select(i => i.Int).ToArray();
    }

    /// <summary>A float or tuple of floats; null for None.</summary>
    public double[]? Doubles(string name) => this[name] switch
    {
        null or { Kind: ArgKind.None } => null,
        { Kind: ArgKind.Int } v => [v.Int],
        { Kind: ArgKind.Float } v => [v.Float],
        var v => v.Items.Select(i => i.Kind == ArgKind.Int ? i.Int : i.Float).ToArray(),
    };
}
