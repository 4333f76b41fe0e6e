using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// Reductions: sum/mean/prod/amax/amin/std/var/norm/logsumexp/all/any over all dims, one dim or several (keepdim);
/// max/min/median/mode/kthvalue/sort/topk with a dim, giving values and indices; max/min/argmax/argmin over all
/// elements; and ops that keep the shape but take a dim (softmax, log_softmax, cumsum, cumprod).
/// </summary>
public static class Reductions
{
    /// <summary>
    /// <c>x.sum(dim, keepdim)</c> and its kin: null dims (and, as in PyTorch 1.13, an empty tuple) reduce every dim.
    /// amax and amin refuse to reduce over no elements.
    /// </summary>
    public static OpResult Reduce(Shape input, IReadOnlyList<long>? dims = null, bool keepdim = false, string op = "sum")
    {
        var reduce = new bool[Math.Max(input.Rank, 1)];
        var all = dims is null || dims.Count == 0;
        if (all)
        {
            Array.Fill(reduce, true);
            if (NeedsElements(op) && OpDims.IsEmpty(input))
            {
                return OpResult.Fail(NoDimForEmpty(op, input));
            }
        }
        else
        {
            foreach (var dim in dims!)
            {
                if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
                {
                    return OpResult.Fail(error!);
                }

                if (reduce[d])
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims, $"dim {d} appears multiple times in the list of dims",
                        op, OpDims.List(dims), input, $"dimension {d} appears more than once"));
                }

                reduce[d] = true;
                if (NeedsElements(op) && input.Rank > 0 && OpDims.Is(input[d], 0))
                {
                    return OpResult.Fail(EmptyDim(op, input, d));
                }
            }
        }

        return OpResult.Ok(Reduced(input, reduce, keepdim));
    }

    /// <summary>
    /// <c>x.max(dim, keepdim)</c> (and min, median, mode, nanmedian): a (values, indices) pair of the reduced shape.
    /// </summary>
    public static OpResult ReduceWithIndices(Shape input, long dim, bool keepdim = false, string op = "max")
    {
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank > 0 && OpDims.Is(input[d], 0))
        {
            return OpResult.Fail(EmptyDim(op, input, d));
        }

        var reduce = new bool[Math.Max(input.Rank, 1)];
        reduce[d] = true;
        var shape = Reduced(input, reduce, keepdim);
        return OpResult.Many(shape, shape);
    }

    /// <summary><c>x.max()</c>, <c>x.min()</c>, <c>x.median()</c>: one 0-d value; max and min refuse an empty input.</summary>
    public static OpResult ReduceAll(Shape input, string op = "max")
    {
        if (NeedsElements(op) && OpDims.IsEmpty(input))
        {
            return OpResult.Fail(NoDimForEmpty(op, input));
        }

        return OpResult.Ok(OpDims.Scalar);
    }

    /// <summary><c>x.argmax(dim, keepdim)</c> / argmin: with no dim, the index into the flattened input (0-d, or all ones with keepdim).</summary>
    public static OpResult Argmax(Shape input, long? dim = null, bool keepdim = false, string op = "argmax")
    {
        if (dim is null)
        {
            if (OpDims.IsEmpty(input))
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpEmptyReduction,
                    $"{op}(): Expected reduction dim to be specified for input.numel() == 0.", op, input, "without a dim"));
            }

            return OpResult.Ok(keepdim ? Ones(input.Rank) : OpDims.Scalar);
        }

        if (!OpDims.TryWrap(op, dim.Value, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank > 0 && OpDims.Is(input[d], 0))
        {
            return OpResult.Fail(EmptyDim(op, input, d));
        }

        var reduce = new bool[Math.Max(input.Rank, 1)];
        reduce[d] = true;
        return OpResult.Ok(Reduced(input, reduce, keepdim));
    }

    /// <summary><c>x.sort(dim)</c> / argsort: values and indices of the input's shape.</summary>
    public static OpResult Sort(Shape input, long dim = -1, string op = "sort")
    {
        if (!OpDims.TryWrap(op, dim, input.Rank, out _, out var error))
        {
            return OpResult.Fail(error!);
        }

        return OpResult.Many(input, input);
    }

    /// <summary><c>x.topk(k, dim)</c>: values and indices with dim of size k; 0 &lt;= k &lt;= size.</summary>
    public static OpResult Topk(Shape input, Dim k, long dim = -1)
    {
        const string op = "topk";
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var size = input.Rank == 0 ? Dim.Known(1) : input[d];
        if (k.IsKnown && (k.Value < 0 || (size.IsKnown && k.Value > size.Value)))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpKOutOfRange, "selected index k out of range", op, k, d, size));
        }

        var shape = input.Rank == 0 ? input : input.WithDim(d, k);
        return OpResult.Many(shape, shape);
    }

    /// <summary><c>x.kthvalue(k, dim, keepdim)</c>: 1 &lt;= k &lt;= size; values and indices with the dim reduced.</summary>
    public static OpResult Kthvalue(Shape input, Dim k, long dim = -1, bool keepdim = false)
    {
        const string op = "kthvalue";
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank > 0 && OpDims.Is(input[d], 0))
        {
            return OpResult.Fail(EmptyDim(op, input, d));
        }

        var size = input.Rank == 0 ? Dim.Known(1) : input[d];
        if (k.IsKnown && (k.Value < 1 || (size.IsKnown && k.Value > size.Value)))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpKOutOfRange, $"kthvalue(): selected number k out of range for dimension {d}", op, k, d, size));
        }

        var reduce = new bool[Math.Max(input.Rank, 1)];
        reduce[d] = true;
        var shape = Reduced(input, reduce, keepdim);
        return OpResult.Many(shape, shape);
    }

    /// <summary><c>x.softmax(dim)</c>, log_softmax, cumsum, cumprod: the input's shape, once the dim is checked.</summary>
    public static OpResult AlongDim(Shape input, long dim, string op = "softmax") =>
        OpDims.TryWrap(op, dim, input.Rank, out _, out var error) ? OpResult.Ok(input) : OpResult.Fail(error!);

    private static bool NeedsElements(string op) => op is "max" or "min" or "amax" or "amin";

    private static Shape Reduced(Shape input, bool[] reduce, bool keepdim)
    {
        var dims = new List<Dim>(input.Rank);
        for (var i = 0; i < input.Rank; i++)
        {
            if (!reduce[i])
            {
                dims.Add(input[i]);
            }
            else if (keepdim)
            {
                dims.Add(Dim.Known(1));
            }
        }

        return new Shape(dims);
    }

    private static Shape Ones(int rank)
    {
        var dims = new Dim[rank];
        Array.Fill(dims, Dim.Known(1));
        return new Shape(dims);
    }

    private static OpError EmptyDim(string op, Shape input, int d) => OpError.Of(DiagnosticCatalog.OpEmptyReduction,
        $"{op}(): Expected reduction dim {d} to have non-zero size.", op, input, $"along dimension {d}");

    private static OpError NoDimForEmpty(string op, Shape input) => OpError.Of(DiagnosticCatalog.OpEmptyReduction,
        $"{op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
        op, input, "without a dim");
}
