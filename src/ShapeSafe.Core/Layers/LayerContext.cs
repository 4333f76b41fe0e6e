using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
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
    private readonly Func<string>? _originFactory;
    private string? _origin;

    public LayerContext(LayerCall call, string type, BoundArgs args, string? inputOrigin = null, Shape? flattenedFrom = null)
    {
        Call = call;
        Type = type;
        Args = args;
        _origin = inputOrigin ?? "the input";
        FlattenedFrom = flattenedFrom;
    }

    /// <summary>A context whose origin text is only built when a diagnostic needs it (the checker's hot path).</summary>
    internal LayerContext(LayerCall call, string type, BoundArgs args, Func<string> originFactory, Shape? flattenedFrom)
    {
        Call = call;
        Type = type;
        Args = args;
        _originFactory = originFactory;
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
    public string InputOrigin => _origin ??= _originFactory!();

    /// <summary>When the last dimension of the input was made by Flatten: the shape Flatten received (for C*H*W fixes).</summary>
    public Shape? FlattenedFrom { get; }

    /// <summary>
    /// The axis of the input that holds the batch (the first dimension of the declared input, carried through the layers),
    /// or -1 when unknown. A rule that reads an input as unbatched consults it: a symbolic batch is never a channel count.
    /// </summary>
    public int BatchAxis { get; init; } = -1;

    /// <summary>True when dimension <paramref name="index"/> of <paramref name="input"/> is the declared batch and is symbolic.</summary>
    public bool IsSymbolicBatch(Shape input, int index) => BatchAxis == index && index >= 0 && index < input.Rank && input[index].IsSymbolic;

    /// <summary>
    /// A layer that reads its input as unbatched, so that the dimension where it expects <paramref name="expected"/>
    /// channels (or features) is the declared batch: the diagnostic PyTorch's failure for a batch of any other size gives.
    /// </summary>
    public Diagnostic BatchAsChannels(DiagnosticDescriptor descriptor, string parameter, long expected, Shape input, string layout)
    {
        var batch = input[0].Symbol!;
        return Error(descriptor, SpanOf(parameter), Name, expected, batch) with
        {
            Expected = Fact.Of(expected, OriginOf(parameter)) with { Argument = SourceOf(parameter) },
            Actual = new Fact(batch, InputOrigin),
            Notes =
            [
                $"the input {input} has rank {input.Rank}, which {Type} reads as unbatched {layout}: its dimension 0 is the batch {batch}, not the channels",
                $"PyTorch fails for every batch size other than {expected}; give the input its channel dimension (N, C, ...) or fix the layer's rank",
            ],
        };
    }

    public long Int(string name) => Args[name]!.Int;

    /// <summary>An inferable size: the value written, or null when omitted (to be inferred).</summary>
    public long? OptionalInt(string name) => Args[name] is { Kind: ArgKind.Int } v ? v.Int : null;

    public double Float(string name) => Args[name] is { Kind: ArgKind.Int } v ? v.Int : Args[name]!.Float;

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
            return SpatialArgs.Filled(v.Int, rank);
        }

        if (v.Items.Count != rank)
        {
            error = Invalid(name, $"must be an int or a tuple of {rank} ints, but got {v.Items.Count} values {v.ToPython()}");
            return null;
        }

        var values = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            values[i] = v.Items[i].Int;
        }

        return values;
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

        var line = v.Span.IsNone ? Call.Line : v.Span.Line;
        return v.Text == v.ToPython() ? $"{name} as written on line {line}" : $"{name} = {v.Text} as written on line {line}";
    }

    /// <summary>The argument a value came from, as typed data: what was written for it and where, or its default.</summary>
    public ArgumentSource SourceOf(string name) => !Args.IsExplicit(name) || Args[name] is not { } v
        ? new ArgumentSource(name, string.Empty, 0, IsDefault: true)
        : new ArgumentSource(name, v.Text, v.Span.IsNone ? Call.Line : v.Span.Line, IsDefault: false);

    /// <summary>A fact whose value was written as (or defaulted for) the constructor argument <paramref name="name"/>.</summary>
    public Fact ArgumentFact(string value, string name) => new(value, OriginOf(name)) { Argument = SourceOf(name) };

    public Diagnostic Error(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        Diagnostic.Create(descriptor, span, args) with { Layer = Layer };

    public Diagnostic Invalid(string argument, string problem) =>
        Error(DiagnosticCatalog.InvalidValue, SpanOf(argument), Type, argument, problem);

    public Diagnostic Config(string argument, string problem) =>
        Error(DiagnosticCatalog.InvalidLayerConfig, SpanOf(argument), Name, problem);

    /// <summary>
    /// A size argument (in_features, in_channels, num_features) that disagrees with the input: the
    /// diagnostic with expected (as written, and where) and actual (and where it came from), and two
    /// fixes: write the actual size (as a product like <c>32 * 16 * 16</c> when the written text was one),
    /// or omit the size so it is inferred (the Lazy form PyTorch has).
    /// </summary>
    public Diagnostic SizeMismatch(DiagnosticDescriptor descriptor, string parameter, long expected, long actual, string? actualText = null)
    {
        var written = Args[parameter];
        var replacement = actualText ?? actual.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fixes = new List<Fix>();
        if (written is not null && Args.IsExplicit(parameter) && !written.Span.IsNone)
        {
            var also = replacement == actual.ToString(System.Globalization.CultureInfo.InvariantCulture) ? string.Empty : $" (= {actual})";
            fixes.Add(new Fix($"set {parameter} to {replacement}{also}", Applicability.MachineApplicable, [TextEdit.Replace(written.Span, replacement)]));
            if (OmitInferable(parameter) is { } omit)
            {
                fixes.Add(omit);
            }
        }

        return Error(descriptor, SpanOf(parameter), Name, expected, actual) with
        {
            Fixes = fixes,
            Expected = Fact.Of(expected, OriginOf(parameter)) with { Argument = SourceOf(parameter) },
            Actual = Fact.Of(actual, InputOrigin),
        };
    }

    /// <summary>The fix that removes an inferable size so the engine infers it: <c>Linear(2048, 128)</c> → <c>LazyLinear(128)</c>.</summary>
    public Fix? OmitInferable(string parameter)
    {
        var positional = Call.Positional.ToList();
        var keyword = Call.Keywords.FirstOrDefault(a => a.Keyword == parameter);
        List<string> kept;
        if (keyword is not null)
        {
            kept = Call.Arguments.Where(a => a != keyword).Select(Render).ToList();
        }
        else if (positional.Count > 0 && !Type.StartsWith("Lazy", StringComparison.Ordinal))
        {
            // PyTorch puts the inferable size first: drop it and call the Lazy variant.
            kept = Call.Arguments.Where(a => a != positional[0]).Select(Render).ToList();
        }
        else
        {
            return null;
        }

        var lazy = Type.StartsWith("Lazy", StringComparison.Ordinal) ? Type : "Lazy" + Type;
        var span = new SourceSpan(Call.Line, Call.TypeSpan.Column, Call.CallSpan.EndColumn);
        return new Fix($"omit {parameter} so that it is inferred from the input ({lazy})", Applicability.MachineApplicable,
            [TextEdit.Replace(span, $"{lazy}({string.Join(", ", kept)})")]);

        static string Render(Argument a) => a.Keyword is null ? a.Value.Text : $"{a.Keyword}={a.Value.Text}";
    }
}
