using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// One item of a subscript <c>x[...]</c>, built by the front-end from the expression it reads. A mask carries the
/// number of positions it selects as a <see cref="Dim"/> the caller chooses: a fresh symbol when unknown (the rule
/// never guesses it), a known size when the caller knows it.
/// </summary>
public sealed record IndexItem
{
    private IndexItem(IndexKind kind)
    {
        Kind = kind;
    }

    public IndexKind Kind { get; }

    /// <summary>The position, for <see cref="IndexKind.Integer"/>.</summary>
    public long Value { get; private init; }

    public long? Start { get; private init; }

    public long? Stop { get; private init; }

    public long? Step { get; private init; }

    /// <summary>The index tensor's shape (<see cref="IndexKind.LongTensor"/>) or the mask's (<see cref="IndexKind.Mask"/>).</summary>
    public Shape? TensorShape { get; private init; }

    /// <summary>How many positions a mask selects.</summary>
    public Dim Count { get; private init; }

    public static IndexItem NewAxis { get; } = new(IndexKind.NewAxis);

    public static IndexItem Ellipsis { get; } = new(IndexKind.Ellipsis);

    /// <summary>A full slice <c>:</c>.</summary>
    public static IndexItem All { get; } = new(IndexKind.Slice);

    public static IndexItem Integer(long value) => new(IndexKind.Integer) { Value = value };

    public static IndexItem Slice(long? start = null, long? stop = null, long? step = null) =>
        new(IndexKind.Slice) { Start = start, Stop = stop, Step = step };

    public static IndexItem LongTensor(Shape shape) => new(IndexKind.LongTensor) { TensorShape = shape };

    /// <summary>A bool mask of shape <paramref name="maskShape"/> selecting <paramref name="count"/> positions.</summary>
    public static IndexItem Mask(Shape maskShape, Dim count) => new(IndexKind.Mask) { TensorShape = maskShape, Count = count };

    /// <summary>How many dims of the indexed tensor the item consumes.</summary>
    public int Consumes => Kind switch
    {
        IndexKind.Integer or IndexKind.Slice or IndexKind.LongTensor => 1,
        IndexKind.Mask => TensorShape!.Rank,
        _ => 0,
    };

    public override string ToString() => Kind switch
    {
        IndexKind.Integer => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.Slice => $"{Start}:{Stop}{(Step is null ? string.Empty : ":" + Step)}",
        IndexKind.NewAxis => "None",
        IndexKind.Ellipsis => "...",
        IndexKind.LongTensor => $"<index {TensorShape}>",
        _ => $"<mask {TensorShape}>",
    };
}
