using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>where, clamp with tensor bounds, masked_fill (out of place and in place) and gather.</summary>
public static class Selection
{
    /// <summary><c>torch.where(cond, a, b)</c>: the three broadcast together (a Python number is a 0-d shape).</summary>
    public static OpResult Where(Shape condition, Shape a, Shape b) => Broadcasting.Broadcast("where", [condition, a, b]);

    /// <summary><c>torch.clamp(x, min, max)</c> with tensor bounds (null for a number or None).</summary>
    public static OpResult Clamp(Shape input, Shape? min = null, Shape? max = null)
    {
        var shapes = new List<Shape>(3) { input };
        if (min is not null)
        {
            shapes.Add(min);
        }

        if (max is not null)
        {
            shapes.Add(max);
        }

        return Broadcasting.Broadcast("clamp", shapes);
    }

    /// <summary>
    /// <c>x.masked_fill(mask, value)</c>: the mask broadcasts with x (in PyTorch 1.13 the result takes the broadcast
    /// shape); with <paramref name="inPlace"/> (masked_fill_) the broadcast shape must be x's own.
    /// </summary>
    public static OpResult MaskedFill(Shape input, Shape mask, bool inPlace = false)
    {
        var op = inPlace ? "masked_fill_" : "masked_fill";
        if (!Broadcasting.TryBroadcast(input, mask, op, out var shape, out _))
        {
            // PyTorch expands the mask against the input: the mask is tensor a of its message.
            Broadcasting.TryBroadcast(mask, input, op, out _, out var error);
            return OpResult.Fail(error!);
        }

        if (inPlace && (shape.Rank != input.Rank || !SameOrOpen(shape, input)))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument,
                $"output with shape {input.ToTorchString()} doesn't match the broadcast shape {shape.ToTorchString()}",
                op, "mask", $"of shape {mask} would broadcast the tensor {input} to {shape}"));
        }

        return OpResult.Ok(inPlace ? input : shape);
    }

    /// <summary>
    /// <c>torch.gather(x, dim, index)</c>: index has x's rank and is no larger than x outside <paramref name="dim"/>;
    /// the result has the index's shape.
    /// </summary>
    public static OpResult Gather(Shape input, long dim, Shape index)
    {
        const string op = "gather";
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (OpDims.IsEmpty(index))
        {
            // PyTorch returns an empty index's shape before checking it against the input.
            return OpResult.Ok(index);
        }

        if (index.Rank != input.Rank && !(Math.Max(index.Rank, 1) == 1 && Math.Max(input.Rank, 1) == 1))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexShape, "Index tensor must have the same number of dimensions as input tensor",
                op, index, input, $"the index has {index.Rank} dimensions and the input {input.Rank}"));
        }

        for (var i = 0; i < index.Rank && i < input.Rank; i++)
        {
            if (i != d && index[i].IsKnown && input[i].IsKnown && index[i].Value > input[i].Value)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexShape,
                    $"Size does not match at dimension {i} expected index {index.ToTorchString()} to be smaller than self {input.ToTorchString()} apart from dimension {d}",
                    op, index, input, $"its dimension {i} ({index[i]}) is larger than the input's ({input[i]})"));
            }
        }

        return OpResult.Ok(index);
    }

    private static bool SameOrOpen(Shape a, Shape b)
    {
        for (var i = 0; i < a.Rank; i++)
        {
            if (OpDims.Differ(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
