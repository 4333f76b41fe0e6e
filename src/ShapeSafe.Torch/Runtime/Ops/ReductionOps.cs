using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Reductions as PyTorch 1.13 runs them: mean, sum, prod, nansum, nanmean (dim an int or a tuple, keepdim, dtype), amax,
/// amin, max, min, argmax, argmin, std, var, norm, logsumexp, all, any, count_nonzero; and those giving a (values, indices)
/// pair: median and nanmedian (the lower of the two middle values), mode, kthvalue, topk, sort, with argsort.
/// </summary>
internal static class ReductionOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Both("mean", c => Dims(c) is { } d ? c.Tensor(0, "input").mean(d, KeepDim(c), DType(c)) : WithDType(c, c.Tensor(0, "input")).mean()),
        .. Both("sum", c => Dims(c) is { } d ? c.Tensor(0, "input").sum(d, KeepDim(c), DType(c)) : c.Tensor(0, "input").sum(DType(c))),
        .. Both("amax", c => c.Tensor(0, "input").amax(Dims(c) ?? [], KeepDim(c))),
        .. Both("amin", c => c.Tensor(0, "input").amin(Dims(c) ?? [], KeepDim(c))),
        .. Both("max", c => MaxMin(c, max: true)),
        .. Both("min", c => MaxMin(c, max: false)),
        .. Both("argmax", c => c.OptionalLong(1, "dim") is { } d ? c.Tensor(0, "input").argmax(d, KeepDim(c)) : c.Tensor(0, "input").argmax()),
        .. Both("std", c => Spread(c, std: true)),
        .. Both("var", c => Spread(c, std: false)),
        .. Both("argmin", c => c.OptionalLong(1, "dim") is { } d ? c.Tensor(0, "input").argmin(d, KeepDim(c)) : c.Tensor(0, "input").argmin()),
        .. Both("prod", Prod),
        .. Both("nansum", NanSum),
        .. Both("nanmean", NanMean),
        .. Both("all", c => c.OptionalLong(1, "dim") is { } d ? c.Tensor(0, "input").all(d, KeepDim(c)) : c.Tensor(0, "input").all()),
        .. Both("any", c => c.OptionalLong(1, "dim") is { } d ? c.Tensor(0, "input").any(d, KeepDim(c)) : c.Tensor(0, "input").any()),
        .. Both("count_nonzero", c => c.Tensor(0, "input").count_nonzero(Dims(c))),
        .. Both("logsumexp", LogSumExp),
        .. Both("norm", Norm),
        .. Both("median", c => Median(c, ignoreNan: false)),
        .. Both("nanmedian", c => Median(c, ignoreNan: true)),
        .. Both("mode", Mode),
        .. Both("kthvalue", KthValue),
        .. Both("topk", TopK),
        .. Both("sort", Sort),
        .. Both("argsort", c => Sorted(c, c.Tensor(0, "input")).Indices),
    ];

    /// <summary>
    /// var and std in PyTorch 1.13's overloads: <c>(input, unbiased)</c>, <c>(input, dim, unbiased, keepdim)</c> and
    /// <c>(input, dim, *, correction, keepdim)</c>; the divisor is N - correction (unbiased: 1, else 0) over the reduced
    /// elements, every dim when none is given.
    /// </summary>
    private static Tensor Spread(OpCall c, bool std)
    {
        var x = c.Tensor(0, "input");
        long[]? dims;
        bool unbiased;
        var keep = false;
        if (c.Args.Count > 1 && c.Args[1] is bool flag)
        {
            dims = null;
            unbiased = flag;
        }
        else
        {
            dims = Dims(c);
            unbiased = c.Bool(2, "unbiased", true);
            keep = c.Bool(3, "keepdim", false);
        }

        var correction = c.Kwargs.TryGetValue("correction", out var given) && given is not null ? c.AsDouble(given, "correction") : unbiased ? 1 : 0;
        var reduced = dims is { Length: > 0 } ? dims : [.. Enumerable.Range(0, (int)x.dim()).Select(i => (long)i)];
        var count = reduced.Aggregate(1L, (n, d) => n * x.shape[d < 0 ? d + x.dim() : d]);
        var population = x.var(reduced, false, keep);
        var variance = correction == 0 ? population : population * (count / (count - correction));
        return std ? variance.sqrt() : variance;
    }

    private static IEnumerable<OpEntry> Both(string name, Op run) => [OpEntry.Function("torch." + name, run), OpEntry.Method(name, run)];

    private static long[]? Dims(OpCall c) => c.Get(1, "dim") is { } d ? c.AsLongs(d, "dim") : null;

    private static bool KeepDim(OpCall c) => c.Bool(2, "keepdim", false);

    private static ScalarType? DType(OpCall c) => FactoryOps.OptionalDtype(c);

    private static Tensor WithDType(OpCall c, Tensor x) => DType(c) is { } type ? x.to_type(type) : x;

    private static object MaxMin(OpCall c, bool max)
    {
        var x = c.Tensor(0, "input");
        var second = c.Get(1, "dim");
        if (second is null)
        {
            return max ? x.max() : x.min();
        }

        if (second is Tensor other)
        {
            return max ? maximum(x, other) : minimum(x, other);
        }

        var (values, indexes) = max ? x.max(c.AsLong(second, "dim"), KeepDim(c)) : x.min(c.AsLong(second, "dim"), KeepDim(c));
        return new List<object?> { values, indexes };
    }

    /// <summary>prod(dim=None, keepdim=False, dtype=None): one dim only (as PyTorch 1.13); integer and bool inputs give int64.</summary>
    private static Tensor Prod(OpCall c)
    {
        var x = c.Tensor(0, "input");
        return c.Get(1, "dim") is { } dim ? x.prod(c.AsLong(dim, "dim"), KeepDim(c), DType(c)) : x.prod(DType(c));
    }

    /// <summary>nansum: the sum with NaN counted as zero.</summary>
    private static Tensor NanSum(OpCall c)
    {
        var x = c.Tensor(0, "input");
        using var zeroed = x.is_floating_point() ? x.nan_to_num(0.0, double.PositiveInfinity, double.NegativeInfinity) : x.alias();
        return Dims(c) is { } d ? zeroed.sum(d, KeepDim(c), DType(c)) : zeroed.sum(DType(c));
    }

    /// <summary>nanmean: the mean of the values that are not NaN (their nansum over their count), as PyTorch computes it.</summary>
    private static Tensor NanMean(OpCall c)
    {
        var x = c.Tensor(0, "input");
        if (!x.is_floating_point())
        {
            throw c.Fail("nanmean(): expected input to have floating point dtype but got " + x.dtype);
        }

        using var scope = NewDisposeScope();
        var dims = Dims(c) ?? [];
        var zeroed = x.nan_to_num(0.0, double.PositiveInfinity, double.NegativeInfinity);
        var count = x.isnan().logical_not();
        var result = dims.Length == 0 && !KeepDim(c)
            ? zeroed.sum(DType(c)).div(count.sum())
            : zeroed.sum(dims.Length == 0 ? [.. Enumerable.Range(0, (int)x.dim()).Select(i => (long)i)] : dims, KeepDim(c), DType(c)).div(count.sum(dims.Length == 0 ? [.. Enumerable.Range(0, (int)x.dim()).Select(i => (long)i)] : dims, KeepDim(c)));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>logsumexp(dim, keepdim=False) over one dim or several (one after the other, from the last).</summary>
    private static Tensor LogSumExp(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var dims = Normalized(c, x, Dims(c) ?? throw c.Fail("logsumexp needs dim"));
        if (dims.Length == 0)
        {
            dims = [.. Enumerable.Range(0, Math.Max(1, (int)x.dim())).Select(i => (long)i)];
        }

        var result = x.alias();
        foreach (var d in dims.OrderDescending())
        {
            var next = result.logsumexp(d, KeepDim(c));
            result.Dispose();
            result = next;
        }

        return result;
    }

    /// <summary>
    /// norm(p='fro', dim=None, keepdim=False, dtype=None): the vector p-norm over dim (all elements when None); 'fro' is
    /// the 2-norm, inf/-inf the largest/smallest absolute value, 0 the count of non-zeros; 'nuc' the nuclear norm of matrices.
    /// </summary>
    private static Tensor Norm(OpCall c)
    {
        var x = c.Tensor(0, "input");
        if (DType(c) is { } type)
        {
            x = x.to_type(type);
        }

        var keep = c.Bool(3, "keepdim", false);
        var dims = c.Get(2, "dim") is { } d ? Normalized(c, x, c.AsLongs(d, "dim")) : [.. Enumerable.Range(0, (int)x.dim()).Select(i => (long)i)];
        var p = c.Get(1, "p");
        if (p is "nuc")
        {
            if (dims.Length != 2)
            {
                throw c.Fail("norm with p='nuc' needs exactly 2 dims, got " + dims.Length);
            }

            return linalg.matrix_norm(x, "nuc", dims, keep);
        }

        var order = p switch
        {
            null or "fro" => 2.0,
            string other => throw c.Fail($"norm with p='{other}' is not a norm PyTorch knows"),
            var v => c.AsDouble(v, "p"),
        };
        return x.dim() == 0 ? linalg.vector_norm(x, order) : linalg.vector_norm(x, order, dims, keep);
    }

    private static object Median(OpCall c, bool ignoreNan)
    {
        var x = c.Tensor(0, "input");
        if (c.Get(1, "dim") is not { } dimValue)
        {
            return ignoreNan ? x.nanmedian() : x.median();
        }

        var keep = KeepDim(c);
        if (x.dim() == 0)
        {
            return new List<object?> { x.clone(), zeros_like(x, ScalarType.Int64) };
        }

        var dim = Normalized(c, x, [c.AsLong(dimValue, "dim")])[0];
        var n = x.shape[dim];
        if (n == 0)
        {
            throw c.Fail($"median: dimension {dim} is empty");
        }

        // A stable sort puts NaN last, each row's NaNs in their order. median: the lower middle value, or the row's first
        // NaN; nanmedian: the lower middle of the row's values that are not NaN (NaN when all are). Indices match PyTorch's
        // on ties too, except a row that is all NaN in nanmedian: PyTorch gives the position its nth_element leaves there
        // (0, 0, 0, 2, 2, 3, 5, ... for 1, 2, 3, 4, 5, 6, 7, ... values), this gives 0.
        using var scope = NewDisposeScope();
        var (sorted, indices) = x.sort(dim, descending: false, stable: true);
        var count = x.isnan().logical_not().sum([dim], keepdim: true);
        var position = ignoreNan
            ? (count - 1).clamp_min(0).div(2, RoundingMode.floor)
            : where(count.lt(n), count, full_like(count, (n - 1) / 2));
        var values = sorted.gather(dim, position);
        var at = indices.gather(dim, position);
        if (!keep)
        {
            values = values.squeeze(dim);
            at = at.squeeze(dim);
        }

        return new List<object?> { values.MoveToOuterDisposeScope(), at.MoveToOuterDisposeScope() };
    }

    private static object Mode(OpCall c)
    {
        var (values, indices) = c.Tensor(0, "input").mode(c.Long(1, "dim", -1), KeepDim(c));
        return new List<object?> { values, indices };
    }

    private static object KthValue(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var k = c.Long(1, "k");
        var dim = Normalized(c, x, [c.Long(2, "dim", -1)])[0];
        var size = x.dim() == 0 ? 1 : x.shape[dim];
        if (k < 1 || k > size)
        {
            throw c.Fail($"kthvalue: k ({k}) is out of range for dimension {dim} of size {size}");
        }

        var (values, indices) = x.kthvalue(k, dim, c.Bool(3, "keepdim", false));
        return new List<object?> { values, indices };
    }

    private static object TopK(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var k = c.Long(1, "k");
        var dim = Normalized(c, x, [c.Long(2, "dim", -1)])[0];
        var size = x.dim() == 0 ? 1 : x.shape[dim];
        if (k < 0 || k > size)
        {
            throw c.Fail($"topk: k ({k}) is out of range for dimension {dim} of size {size}");
        }

        var (values, indices) = x.topk((int)k, (int)dim, c.Bool(3, "largest", true), c.Bool(4, "sorted", true));
        return new List<object?> { values, indices };
    }

    private static object Sort(OpCall c)
    {
        var (values, indices) = Sorted(c, c.Tensor(0, "input"));
        return new List<object?> { values, indices };
    }

    /// <summary>sort/argsort(dim=-1, descending=False, stable=False): always stable, so equal values keep their order as PyTorch's CPU sort does.</summary>
    private static (Tensor Values, Tensor Indices) Sorted(OpCall c, Tensor x)
    {
        var dim = x.dim() == 0 ? 0 : Normalized(c, x, [c.Long(1, "dim", -1)])[0];
        return x.sort(dim, c.Bool(2, "descending", false), stable: true);
    }

    /// <summary>Dims made non-negative, each checked against the tensor's rank (a 0-D tensor takes 0 and -1).</summary>
    private static long[] Normalized(OpCall c, Tensor x, long[] dims)
    {
        var rank = Math.Max(1, x.dim());
        var result = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            var at = dims[i] < 0 ? dims[i] + rank : dims[i];
            if (at < 0 || at >= rank)
            {
                throw c.Fail($"dimension {dims[i]} is out of range for {OpCall.Describe(x)}");
            }

            result[i] = at;
        }

        return result;
    }
}
