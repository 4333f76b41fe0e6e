using System.Globalization;
using ShapeSafe.Layers;
using ShapeSafe.Syntax;

namespace ShapeSafe.Torch.Building;

/// <summary>
/// One layer's bound constructor arguments (PyTorch parameter names) read as TorchSharp wants them,
/// with the sizes that were left out and inferred (in_channels, in_features, num_features).
/// Values of the wrong kind cannot reach here: the binder checked them against the signature.
/// </summary>
internal sealed class LayerArgs
{
    private readonly BoundArgs _args;
    private readonly IReadOnlyDictionary<string, long> _inferred;

    public LayerArgs(string type, string name, BoundArgs args, IReadOnlyDictionary<string, long> inferred)
    {
        Type = type;
        Name = name;
        _args = args;
        _inferred = inferred;
    }

    /// <summary>The layer type as registered (Conv2d; LazyConv2d is built as Conv2d with its size inferred).</summary>
    public string Type { get; }

    /// <summary>The layer's name in messages.</summary>
    public string Name { get; }

    public ArgValue? this[string name] => _args[name];

    /// <summary>An int argument; for an omitted inferable size, the inferred value.</summary>
    public long Long(string name)
    {
        if (_args[name] is { Kind: ArgKind.Int } v)
        {
            return v.Int;
        }

        return _inferred.TryGetValue(name, out var size)
            ? size
            : throw new LayerBuildException($"{Name}: {name} was left out and not inferred; check the model first (a clean check infers it from the input)");
    }

    public long? OptionalLong(string name) => _args[name] is { Kind: ArgKind.Int } v ? v.Int : null;

    public double Double(string name) => _args[name] switch
    {
        { Kind: ArgKind.Int } v => v.Int,
        { Kind: ArgKind.Float } v => v.Float,
        _ => throw new LayerBuildException($"{Name}: {name} must be a number"),
    };

    public double? OptionalDouble(string name) => _args[name] is { Kind: ArgKind.None } or null ? null : Double(name);

    public bool Bool(string name) => _args[name]?.Bool ?? false;

    public bool? OptionalBool(string name) => _args[name] is { Kind: ArgKind.Bool } v ? v.Bool : null;

    public string? String(string name) => _args[name] is { Kind: ArgKind.String } v ? v.Str : null;

    public bool IsNone(string name) => _args[name] is null or { Kind: ArgKind.None };

    /// <summary>An int-or-tuple expanded to <paramref name="rank"/> values as PyTorch's _single/_pair/_triple do; a tuple of another length cannot be built.</summary>
    public long[] Tuple(string name, int rank)
    {
        var v = _args[name] ?? throw new LayerBuildException($"{Name}: {name} is missing");
        if (v.Kind == ArgKind.Int)
        {
            return Enumerable.Repeat(v.Int, rank).ToArray();
        }

        if (v.Kind != ArgKind.Tuple || v.Items.Count != rank || v.Items.Any(i => i.Kind != ArgKind.Int))
        {
            throw new LayerBuildException($"{Name}: {name} must be an int or a tuple of {rank} ints, but got {v.ToPython()}");
        }

        return v.Items.Select(i => i.Int).ToArray();
    }

    /// <summary>A tuple whose items may be None (AdaptiveAvgPool2d((None, 7))), expanded to <paramref name="rank"/>.</summary>
    public long?[] OptionalTuple(string name, int rank)
    {
        var v = _args[name] ?? throw new LayerBuildException($"{Name}: {name} is missing");
        if (v.Kind is ArgKind.Int or ArgKind.None)
        {
            return Enumerable.Repeat(v.Kind == ArgKind.Int ? v.Int : (long?)null, rank).ToArray();
        }

        if (v.Items.Count != rank)
        {
            throw new LayerBuildException($"{Name}: {name} must be an int or a tuple of {rank} values, but got {v.ToPython()}");
        }

        return v.Items.Select(i => i.Kind == ArgKind.Int ? i.Int : (long?)null).ToArray();
    }

    /// <summary>The values of an int-or-tuple as written (an int as one value), for padding layers.</summary>
    public long[] Ints(string name)
    {
        var v = _args[name] ?? throw new LayerBuildException($"{Name}: {name} is missing");
        return v.Kind == ArgKind.Int ? [v.Int] : v.Items.Select(i => i.Int).ToArray();
    }

    /// <summary>A float or tuple of floats (Upsample's scale_factor), null for None.</summary>
    public double[]? Doubles(string name)
    {
        var v = _args[name];
        return v switch
        {
            null or { Kind: ArgKind.None } => null,
            { Kind: ArgKind.Int } => [v.Int],
            { Kind: ArgKind.Float } => [v.Float],
            _ => v.Items.Select(i => i.Kind == ArgKind.Int ? i.Int : i.Float).ToArray(),
        };
    }

    /// <summary>True when the value was written as a tuple (so it is not expanded to the input's rank).</summary>
    public bool IsTuple(string name) => _args[name] is { Kind: ArgKind.Tuple };

    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
