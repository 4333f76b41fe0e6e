using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// split (by size or by sizes), chunk, unbind and tensor_split: a tensor cut into pieces along a dim. When the number
/// of pieces depends on a symbolic size the result is <see cref="OpResult.Unknown"/>, never a guess.
/// </summary>
public static class Splitting
{
    /// <summary><c>x.split(split_size, dim)</c>: pieces of split_size, the last one smaller.</summary>
    public static OpResult Split(Shape input, long splitSize, long dim = 0)
    {
        const string op = "split";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "split expects at least a 1-dimensional tensor", op, "the input", "at least 1-D", input));
        }

        if (splitSize < 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"split expects split_size be non-negative, but got split_size={splitSize}",
                op, "split_size", $"must be non-negative, but got {splitSize}"));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var size = input[d];
        if (!size.IsKnown)
        {
            return splitSize > 0 && size.IsDivisibleBy(splitSize) == true
                ? Pieces(input, d, Dim.DivideExact(size, splitSize)!.Value, splitSize)
                : OpResult.NotKnown($"the number of pieces depends on the symbolic size {size}");
        }

        if (splitSize == 0)
        {
            if (size.Value != 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument,
                    $"split_size can only be 0 if dimension size is 0, but got dimension size of {size.Value}",
                    op, "split_size", $"can only be 0 if dimension size is 0, but dimension {d} has size {size.Value}"));
            }

            return OpResult.Many(input);
        }

        var count = Math.Max(OpDims.CeilDiv(size.Value, splitSize), 1);
        var outputs = new Shape[count];
        for (var i = 0; i < count; i++)
        {
            outputs[i] = input.WithDim(d, Math.Min(splitSize, size.Value - (i * splitSize)));
        }

        return OpResult.Many(outputs);
    }

    /// <summary><c>x.split([s0, s1, ...], dim)</c>: the sizes must be non-negative and sum to the dim's size.</summary>
    public static OpResult SplitWithSizes(Shape input, IReadOnlyList<Dim> sizes, long dim = 0)
    {
        const string op = "split";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "split expects at least a 1-dimensional tensor", op, "the input", "at least 1-D", input));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var total = Dim.Known(0);
        foreach (var s in sizes)
        {
            if (s.IsKnown && s.Value < 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument,
                    $"split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes={OpDims.List(sizes)}",
                    op, "split_size", $"must have only non-negative entries, but got {OpDims.List(sizes)}"));
            }

            total += s;
        }

        if (OpDims.Differ(total, input[d]))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpSplitSizes,
                $"split_with_sizes expects split_sizes to sum exactly to {input[d]} (input tensor's size at dimension {dim}), but got split_sizes={OpDims.List(sizes)}",
                op, OpDims.List(sizes), input[d], d));
        }

        var outputs = new Shape[sizes.Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = input.WithDim(d, sizes[i]);
        }

        return OpResult.Many(outputs);
    }

    /// <summary><c>F.glu(x, dim)</c>: the input halved along dim (the first half gated by the sigmoid of the second).</summary>
    public static OpResult Glu(Shape input, long dim = -1)
    {
        const string op = "glu";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "glu does not support scalars because halving size must be even", op, "the input", "at least 1-D", input));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var size = input[d];
        if (size.IsKnown && size.Value % 2 != 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"Halving dimension must be even, but dimension {d} is size {size.Value}",
                op, "input", $"must have an even size in dimension {d}, but it is {size.Value}"));
        }

        return Dim.DivideExact(size, 2) is { } half ? OpResult.Ok(input.WithDim(d, half)) : OpResult.NotKnown($"whether the symbolic size {size} is even");
    }

    /// <summary>
    /// <c>x.chunk(chunks, dim)</c>: pieces of ceil(size / chunks), so possibly fewer than <paramref name="chunks"/>
    /// (5 in 4 chunks gives 2, 2, 1; 6 in 4 gives 2, 2, 2).
    /// </summary>
    public static OpResult Chunk(Shape input, long chunks, long dim = 0)
    {
        const string op = "chunk";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, "chunk expects at least a 1-dimensional tensor", op, "the input", "at least 1-D", input));
        }

        if (chunks <= 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"chunk expects `chunks` to be greater than 0, got: {chunks}",
                op, "chunks", $"must be greater than 0, but got {chunks}"));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var size = input[d];
        if (!size.IsKnown)
        {
            return size.IsDivisibleBy(chunks) == true
                ? Pieces(input, d, chunks, Dim.DivideExact(size, chunks)!.Value)
                : OpResult.NotKnown($"the number of chunks depends on the symbolic size {size}");
        }

        if (size.Value == 0)
        {
            return Pieces(input, d, chunks, Dim.Known(0));
        }

        return Split(input, OpDims.CeilDiv(size.Value, chunks), d);
    }

    /// <summary><c>x.unbind(dim)</c>: one piece per position, without the dim.</summary>
    public static OpResult Unbind(Shape input, long dim = 0)
    {
        const string op = "unbind";
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, $"Dimension specified as {d} but tensor has no dimensions",
                op, "the input", "at least 1-D", input));
        }

        if (!input[d].IsKnown)
        {
            return OpResult.NotKnown($"the number of pieces is the symbolic size {input[d]}");
        }

        var piece = OpDims.Remove(input, d);
        var outputs = new Shape[input[d].Value];
        Array.Fill(outputs, piece);
        return OpResult.Many(outputs);
    }

    /// <summary>
    /// <c>x.tensor_split(sections, dim)</c>: <paramref name="sections"/> pieces, the first size % sections of them one longer.
    /// </summary>
    public static OpResult TensorSplit(Shape input, long sections, long dim = 0)
    {
        const string op = "tensor_split";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims", op, "the input", "at least 1-D", input));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (sections <= 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"number of sections must be larger than 0, got {sections}",
                op, "sections", $"must be larger than 0, but got {sections}"));
        }

        var size = input[d];
        if (!size.IsKnown)
        {
            return size.IsDivisibleBy(sections) == true
                ? Pieces(input, d, sections, Dim.DivideExact(size, sections)!.Value)
                : OpResult.NotKnown($"the piece sizes depend on the symbolic size {size}");
        }

        var outputs = new Shape[sections];
        var min = size.Value / sections;
        var extra = size.Value % sections;
        for (var i = 0; i < sections; i++)
        {
            outputs[i] = input.WithDim(d, min + (i < extra ? 1 : 0));
        }

        return OpResult.Many(outputs);
    }

    /// <summary><c>x.tensor_split([i0, i1, ...], dim)</c>: pieces between the indices, clamped as slices are.</summary>
    public static OpResult TensorSplitAt(Shape input, IReadOnlyList<long> indices, long dim = 0)
    {
        const string op = "tensor_split";
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims", op, "the input", "at least 1-D", input));
        }

        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var outputs = new Shape[indices.Count + 1];
        long? start = 0;
        for (var i = 0; i <= indices.Count; i++)
        {
            long? stop = i < indices.Count ? indices[i] : null;
            outputs[i] = input.WithDim(d, Indexing.SliceLength(input[d], start, stop, 1));
            start = stop;
        }

        return OpResult.Many(outputs);
    }

    private static OpResult Pieces(Shape input, int d, long count, Dim pieceSize)
    {
        var outputs = new Shape[count];
        Array.Fill(outputs, input.WithDim(d, pieceSize));
        return OpResult.Many(outputs);
    }

    private static OpResult Pieces(Shape input, int d, Dim count, long pieceSize) =>
        count.IsKnown ? Pieces(input, d, count.Value, Dim.Known(pieceSize)) : OpResult.NotKnown($"the number of pieces is the symbolic size {count}");
}
