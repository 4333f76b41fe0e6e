using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>expand, expand_as, repeat and repeat_interleave: growing a tensor by stretching or copying it.</summary>
public static class Expansion
{
    /// <summary>
    /// <c>x.expand(*sizes)</c>: sizes align from the right; -1 keeps a dim; an existing dim may only change from 1;
    /// new leading dims are prepended and may not be -1.
    /// </summary>
    public static OpResult Expand(Shape input, IReadOnlyList<Dim> sizes, string op = "expand")
    {
        if (sizes.Count < input.Rank)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpTooFewSizes,
                $"expand(torch.FloatTensor{{{input.ToTorchString()}}}, size={OpDims.List(sizes)}): the number of sizes provided ({sizes.Count}) must be greater or equal to the number of dimensions in the tensor ({input.Rank})",
                op, sizes.Count, input));
        }

        var dims = new Dim[sizes.Count];
        var lead = sizes.Count - input.Rank;
        for (var i = sizes.Count - 1; i >= 0; i--)
        {
            var target = sizes[i];
            if (i < lead)
            {
                if (OpDims.Is(target, -1) && input.Rank > 0)
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidShape,
                        $"The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {i}",
                        op, OpDims.List(sizes), $"-1 cannot keep dimension {i}, which the tensor {input} does not have"));
                }

                if (target.IsKnown && target.Value < 0)
                {
                    return OpResult.Fail(NegativeSize(op, sizes, target.Value));
                }

                dims[i] = target;
                continue;
            }

            var existing = input[i - lead];
            if (OpDims.Is(target, -1))
            {
                dims[i] = existing;
                continue;
            }

            if (target.IsKnown && target.Value < 0 && OpDims.Is(existing, 1))
            {
                return OpResult.Fail(NegativeSize(op, sizes, target.Value));
            }

            if (OpDims.Is(existing, 1))
            {
                dims[i] = target;
                continue;
            }

            if (OpDims.Differ(existing, target))
            {
                return OpResult.Fail(Mismatch(op, target, existing, i, sizes, input));
            }

            dims[i] = target.IsKnown ? target : existing.IsKnown ? existing : target;
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary><c>x.expand_as(other)</c>.</summary>
    public static OpResult ExpandAs(Shape input, Shape other) => Expand(input, other.ToArray(), "expand_as");

    /// <summary>
    /// <c>x.repeat(*repeats)</c>: at least one repeat per dim; the input is padded with leading 1s to the repeats'
    /// length and each dim multiplied.
    /// </summary>
    public static OpResult Repeat(Shape input, IReadOnlyList<Dim> repeats)
    {
        if (repeats.Count < input.Rank)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpTooFewSizes,
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor", "repeat", repeats.Count, input));
        }

        var lead = repeats.Count - input.Rank;
        var dims = new Dim[repeats.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            var size = i < lead ? Dim.Known(1) : input[i - lead];
            dims[i] = size * repeats[i];
        }

        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i].IsKnown && dims[i].Value < 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidShape,
                    $"Trying to create tensor with negative dimension {dims[i].Value}: {OpDims.List(dims)}",
                    "repeat", OpDims.List(dims), $"dimension {i} would be {dims[i].Value}"));
            }
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary>
    /// <c>x.repeat_interleave(repeats, dim)</c> with an integer repeat: with no dim the input is flattened first.
    /// </summary>
    public static OpResult RepeatInterleave(Shape input, Dim repeats, long? dim = null)
    {
        const string op = "repeat_interleave";
        var d = -1;
        if (dim is not null)
        {
            if (input.Rank == 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument,
                    $"Dimension specified as {dim.Value} but tensor has no dimensions", op, "dim", $"cannot be {dim.Value} for a 0-d tensor, which has no dimensions"));
            }

            if (!OpDims.TryWrap(op, dim.Value, input.Rank, out d, out var error))
            {
                return OpResult.Fail(error!);
            }
        }

        if (repeats.IsKnown && repeats.Value < 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "repeats can not be negative",
                op, "repeats", $"must be non-negative, but got {repeats.Value}"));
        }

        return OpResult.Ok(d < 0 ? new Shape(OpDims.Numel(input) * repeats) : input.WithDim(d, input[d] * repeats));
    }

    /// <summary>PyTorch's expand check message, also raised by addmm, baddbmm and F.linear for a bias.</summary>
    internal static OpError Mismatch(string op, Dim target, Dim existing, int dim, IReadOnlyList<Dim> targetSizes, Shape tensor) =>
        OpError.Of(DiagnosticCatalog.OpExpand,
            $"The expanded size of the tensor ({target}) must match the existing size ({existing}) at non-singleton dimension {dim}.  Target sizes: {OpDims.List(targetSizes)}.  Tensor sizes: {tensor.ToTorchString()}",
            op, target, existing, dim, OpDims.List(targetSizes), tensor);

    private static OpError NegativeSize(string op, IReadOnlyList<Dim> sizes, long value) =>
        OpError.Of(DiagnosticCatalog.OpInvalidShape, "numel: integer multiplication overflow",
            op, OpDims.List(sizes), $"size {value} is negative (only -1, to keep a dimension, is allowed)");
}
