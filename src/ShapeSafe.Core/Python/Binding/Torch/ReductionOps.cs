using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Reductions over dims with <c>keepdim</c> (sum, mean, prod, std, var, norm, logsumexp, amax/amin, all/any), argmax/argmin,
/// max/min/median/mode (with a dim: a (values, indices) pair), sort/argsort, topk and kthvalue, on <see cref="Reductions"/>.
/// </summary>
public static class ReductionOps
{
    private static readonly string[] Plain = ["sum", "mean", "prod", "nansum", "nanmean", "amax", "amin", "all", "any", "count_nonzero", "logsumexp"];

    public static void Register(TorchTable t)
    {
        foreach (var name in Plain)
        {
            BuiltinFunction f = c => Reduce(c, dimPosition: 1);
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        foreach (var name in new[] { "std", "var" })
        {
            // (input, unbiased) or (input, dim, unbiased, keepdim): keepdim comes after unbiased.
            BuiltinFunction f = c => c.Arg(1, "dim") is PyBool ? Reduce(c, dimPosition: 99) : Reduce(c, dimPosition: 1, keepPosition: 3);
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        t.Function(c => Reduce(c, dimPosition: 2), "torch.norm");
        t.Method(c => Reduce(c, dimPosition: 2), "norm");
        foreach (var name in new[] { "argmax", "argmin" })
        {
            BuiltinFunction f = ArgReduce;
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        foreach (var name in new[] { "max", "min", "median", "nanmedian", "mode" })
        {
            BuiltinFunction f = WithIndices;
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        t.Function(Sort, "torch.sort", "torch.argsort");
        t.Method(Sort, "sort", "argsort");
        t.Function(TopK, "torch.topk", "torch.kthvalue");
        t.Method(TopK, "topk", "kthvalue");
    }

    private static PyValue Reduce(TorchCall c, int dimPosition, int? keepPosition = null)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var dimValue = c.Arg(dimPosition, "dim");
        var keep = c.Bool(keepPosition ?? dimPosition + 1, "keepdim", false);
        long[]? dims = null;
        if (dimValue is not (null or PyNone))
        {
            var given = TorchCall.DimsOf(dimValue);
            if (given is null || Array.Exists(given, d => !d.IsKnown))
            {
                return c.Result(null);
            }

            dims = Array.ConvertAll(given, d => d.Value);
        }

        if (x.Shape is not { } shape || keep is null)
        {
            return c.Result(null);
        }

        return Keep(c, Reductions.Reduce(shape, dims, keep.Value, c.OpName), x, dims, keep.Value, dtype: c.OpName is "all" or "any" ? "bool" : null);
    }

    private static PyValue ArgReduce(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var dim = c.Long(1, "dim");
        var keep = c.Bool(2, "keepdim", false);
        if (x.Shape is not { } shape || keep is null || (dim is null && c.Arg(1, "dim") is not (null or PyNone)))
        {
            return c.Result(null);
        }

        return Keep(c, Reductions.Argmax(shape, dim, keep.Value, c.OpName), x, dim is { } d ? [d] : null, keep.Value, "long");
    }

    private static PyValue WithIndices(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var second = c.Arg(1, c.OpName is "max" or "min" ? "other" : "dim");
        if (second is PyTensor && c.OpName is "max" or "min")
        {
            return ElementwiseOps.Broadcast(c, x, second, inPlace: false);
        }

        var dimValue = c.Arg(1, "dim");
        if (x.Shape is not { } shape)
        {
            return c.Result(null);
        }

        if (dimValue is null or PyNone)
        {
            return c.OpName == "mode" ? Pair(c, Reductions.ReduceWithIndices(shape, -1, false, c.OpName), x, [-1], false) : Keep(c, Reductions.ReduceAll(shape, c.OpName), x, null, false, null);
        }

        if (PyNumbers.ToLong(dimValue) is not { } dim || c.Bool(2, "keepdim", false) is not { } keep)
        {
            return PyTuple.ValuesAndIndices(c.Result(null), c.Result(null));
        }

        return Pair(c, Reductions.ReduceWithIndices(shape, dim, keep, c.OpName), x, [dim], keep);
    }

    private static PyValue Sort(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim", -1) is not { } dim)
        {
            return c.Result(null);
        }

        var result = Reductions.Sort(shape, dim, c.OpName);
        if (c.OpName == "argsort")
        {
            return result.Outputs is { Count: 2 } both ? c.Result(both[1], x.BatchAxis, null, false) : c.From(result);
        }

        return Pair(c, result, x, null, keep: true);
    }

    private static PyValue TopK(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Dim(1, "k") is not { } k || c.Long(2, "dim", -1) is not { } dim)
        {
            return PyTuple.ValuesAndIndices(c.Result(null), c.Result(null));
        }

        var result = c.OpName == "topk" ? Reductions.Topk(shape, k, dim) : Reductions.Kthvalue(shape, k, dim, c.Bool(3, "keepdim", false) ?? false);
        return Pair(c, result, x, c.OpName == "topk" ? null : [dim], keep: c.OpName == "topk");
    }

    /// <summary>A reduced tensor: the batch stays where it was when its dim is neither reduced nor moved.</summary>
    private static PyValue Keep(TorchCall c, OpResult result, PyTensor x, long[]? dims, bool keep, string? dtype)
    {
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        return c.Result(output, BatchAfter(x, dims, keep), null, isSpatial: false) is var tensor && dtype is not null
            ? new PyTensor(tensor.Shape, tensor.Node) { BatchAxis = tensor.BatchAxis, DType = dtype, Origin = tensor.Origin }
            : tensor;
    }

    private static PyValue Pair(TorchCall c, OpResult result, PyTensor x, long[]? dims, bool keep)
    {
        if (result.Outputs is not { Count: 2 } outputs)
        {
            return result.Error is not null ? c.From(result) : PyTuple.ValuesAndIndices(c.Result(null), c.Result(null));
        }

        var batch = BatchAfter(x, dims, keep);
        var values = c.Result(outputs[0], batch, null, isSpatial: false);
        var indices = c.Result(outputs[1], batch, null, isSpatial: false);
        return PyTuple.ValuesAndIndices(values, new PyTensor(indices.Shape, indices.Node) { BatchAxis = batch, DType = "long", Origin = indices.Origin });
    }

    private static int BatchAfter(PyTensor x, long[]? dims, bool keep)
    {
        if (x.BatchAxis < 0 || x.Shape is not { } shape)
        {
            return -1;
        }

        if (dims is null)
        {
            return keep ? x.BatchAxis : -1;
        }

        var before = 0;
        foreach (var d in dims)
        {
            var w = d < 0 ? d + shape.Rank : d;
            if (w == x.BatchAxis)
            {
                return -1;
            }

            before += w < x.BatchAxis ? 1 : 0;
        }

        return keep ? x.BatchAxis : x.BatchAxis - before;
    }
}
