using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// PyTorch's broadcasting (<c>infer_size</c>), used by every elementwise op: + - * / % ** comparisons, where,
/// clamp with tensor bounds, lerp, maximum/minimum, masked_fill. Shapes align from the right; a size-1 dim
/// stretches. A symbolic dim against another size is assumed to match (no false alarms), unless certainly different.
/// </summary>
public static class Broadcasting
{
    /// <summary>The broadcast shape of two operands of a binary op named <paramref name="op"/>.</summary>
    public static OpResult Broadcast(Shape a, Shape b, string op = "add") =>
        TryBroadcast(a, b, op, out var shape, out var error) ? OpResult.Ok(shape) : OpResult.Fail(error!);

    /// <summary>The broadcast shape of N operands, folded left to right as PyTorch does (where, broadcast_tensors).</summary>
    public static OpResult Broadcast(string op, IReadOnlyList<Shape> shapes)
    {
        if (shapes.Count == 0)
        {
            return OpResult.Ok(OpDims.Scalar);
        }

        var result = shapes[0];
        for (var i = 1; i < shapes.Count; i++)
        {
            if (!TryBroadcast(result, shapes[i], op, out result, out var error))
            {
                return OpResult.Fail(error!);
            }
        }

        return OpResult.Ok(result);
    }

    /// <summary>Broadcasts two shapes; on failure the error names the first mismatching dimension of the result.</summary>
    public static bool TryBroadcast(Shape a, Shape b, string op, out Shape result, out OpError? error)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new Dim[rank];
        for (var i = rank - 1; i >= 0; i--)
        {
            var offset = rank - 1 - i;
            var ia = a.Rank - 1 - offset;
            var ib = b.Rank - 1 - offset;
            Dim da = ia >= 0 ? a[ia] : Dim.Known(1);
            Dim db = ib >= 0 ? b[ib] : Dim.Known(1);
            if (!TryPair(da, db, out dims[i]))
            {
                result = a;
                error = Mismatch(op, da, db, i);
                return false;
            }
        }

        result = new Shape(dims);
        error = null;
        return true;
    }

    /// <summary>
    /// The broadcast of two sizes: equal, or one of them 1. Undecided symbolic pairs pass and keep the more specific
    /// side (a known size over a symbol, else the first operand).
    /// </summary>
    internal static bool TryPair(Dim a, Dim b, out Dim result)
    {
        if (OpDims.Is(a, 1))
        {
            result = b;
            return true;
        }

        if (OpDims.Is(b, 1))
        {
            result = a;
            return true;
        }

        switch (OpDims.Equal(a, b))
        {
            case true:
                result = a;
                return true;
            case false:
                result = a;
                return false;
            default:
                result = a.IsKnown ? a : b.IsKnown ? b : a;
                return true;
        }
    }

    internal static OpError Mismatch(string op, Dim a, Dim b, int dim) => OpError.Of(DiagnosticCatalog.OpBroadcast,
        $"The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton dimension {dim}", op, a, b, dim);
}
