using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers;

/// <summary>
/// Everything a shape rule may read about one layer: its bound arguments (typed accessors),
/// its name, where its input came from, and helpers that build diagnostics pointing at the
/// right argument. Rules stay small pure functions of (context, input shape).
/// </summary>
public sealed class LayerContext
{
    public LayerContext(LayerCall call, string type, BoundArgs args, string? inputOrigin = null, Shape? flattenedFrom = null)
    {
        Call = call;
        Type = type;
        Args = args;
        InputOrigin = inputOrigin ?? "the input";
        FlattenedFrom = flattenedFrom;
    }

    public LayerCall Call { get; }

    /// <summary>The layer type as registered (Conv2d, LazyLinear, ...).</summary>
    public string Type { get; }

    public BoundArgs Args { get; }

    /// <summary>The layer's name in messages: the user's name, else its type.</summary>
    public string Name => Call.Name ?? Type;

    public LayerRef Layer => new(Call.Line, Name, Type);

    /// <summary>Where the input came from, in words: "conv2 → pool (line 6)".</summary>
    public string InputOrigin { get; }

    /// <summary>When the last dimension of the input was made by Flatten: the shape Flatten received (for C*H*W fixes).</summary>
    public Shape? FlattenedFrom { get; }

    public long Int(string name) => Args[name]!.Int;

    /// <summary>An inferable size: the value written, or null when omitted (to be inferred).</summary>
    public long? OptionalInt(string name) => Args[name] is { Kind: ArgKind.Int } v ? v.Int : null;

    public double Float(string name) => Args[name]!.Kind == ArgKind.Int ? Args[name]!.Int : Args[name]!.Float;

    public bool Bool(string name) => Args[name]!.Bool;

    public string? String(string name) => Args[name] is { Kind: ArgKind.String } v ? v.Str : null;

    public bool IsNone(string name) => Args[name] is null or { Kind: ArgKind.None };

    public bool IsExplicit(string name) => Args.IsExplicit(name);

    /// <summary>
    /// An int-or-tuple argument expanded to <paramref name="rank"/> values, as PyTorch's _single/_pair do.
    /// Returns null (and a diagnostic in <paramref name="error"/>) when a tuple has the wrong length.
    /// </summary>
    public long[]? Tuple(string name, int rank, out Diagnostic? error)
    {
        error = null;
        var v = Args[name]!;
        if (v.Kind == ArgKind.Int)
        {
            return Enumerable.Repeat(v.Int, rank).ToArray();
        }

        if (v.Items.Count != rank)
        {
            error = Invalid(name, $"must be an int or a tuple of {rank} ints, but got {v.Items.Count} values {v.ToPython()}");
            return null;
        }

        return v.Items.Select(i => i.Int).ToArray();
    }

    /// <summary>The span of an argument as written, else of the whole call (for defaults and omitted sizes).</summary>
    public SourceSpan SpanOf(string name) => Args.IsExplicit(name) && Args[name] is { } v && !v.Span.IsNone ? v.Span : Call.CallSpan;

    /// <summary>An origin phrase for an argument: "32 * 8 * 8 as written on line 8", or "the default".</summary>
    public string OriginOf(string name)
    {
        if (!Args.IsExplicit(name) || Args[name] is not { } v)
        {
            return $"the default of {name}";
        }

        return v.Text == v.ToPython() ? $"{name} as written on line {Call.Line}" : $"{name} = {v.Text} as written on line {Call.Line}";
    }

    public Diagnostic Error(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        Diagnostic.Create(descriptor, span, args) with { Layer = Layer };

    public Diagnostic Invalid(string argument, string problem) =>
        Error(DiagnosticCatalog.InvalidValue, SpanOf(argument), Type, argument, problem);

    public Diagnostic Config(string argument, string problem) =>
        Error(DiagnosticCatalog.InvalidLayerConfig, SpanOf(argument), Name, problem);
}
