using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Reductions over dims with <c>keepdim</c>: sum, mean, prod, std, var, norm, logsumexp, amax/amin, argmax/argmin, all/any,
/// max/min (with a dim: a (values, indices) pair), median/mode/sort/topk/kthvalue.
/// </summary>
public static class ReductionOps
{
    private static readonly string[] Plain = ["sum", "mean", "prod", "nansum", "nanmean", "amax", "amin", "all", "any", "count_nonzero", "logsumexp", "argmax", "argmin"];

    public static void Register(TorchTable t)
    {
        foreach (var name in Plain)
        {
            BuiltinFunction f = c => Reduce(c, dimPosition: 1, pair: false);
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        foreach (var name in new[] { "std", "var" })
        {
            BuiltinFunction f = StdVar;
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        t.Function(c => Reduce(c, dimPosition: 2, pair: false), "torch.norm");
        t.Method(c => Reduce(c, dimPosition: 2, pair: false), "norm");
        foreach (var name in new[] { "max", "min" })
        {
            BuiltinFunction f = MaxMin;
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        foreach (var name in new[] { "median", "mode", "nanmedian" })
        {
            BuiltinFunction f = c => c.Arg(1, "dim") is null or PyNone && name != "mode" ? Reduce(c, 1, pair: false) : Reduce(c, 1, pair: true, defaultDim: -1);
            t.Function(f, "torch." + name);
            t.Method(f, name);
        }

        t.Function(Sort, "torch.sort");
        t.Method(Sort, "sort");
        t.Function(c => Sort(c), "torch.argsort");
        t.Method(c => Sort(c), "argsort");
        t.Function(TopK, "torch.topk");
        t.Method(TopK, "topk");
        t.Function(c => Reduce(c, dimPosition: 2, pair: true, defaultDim: -1), "torch.kthvalue");
        t.Method(c => Reduce(c, dimPosition: 2, pair: true, defaultDim: -1), "kthvalue");
    }

    /// <summary>Reduces the dims given at <paramref name="dimPosition"/> (or by name), keeping them as 1 with keepdim.</summary>
    private static PyValue Reduce(TorchCall c, int dimPosition, bool pair, long? defaultDim = null)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape)
        {
            return pair ? new PyTuple([c.Result(null), c.Result(null)]) : c.Result(null);
        }

        var dimValue = c.Arg(dimPosition, "dim") ?? (defaultDim is { } dd ? PyInt.Of(dd) : null);
        var keep = c.Bool(dimPosition + 1, "keepdim", false);
        if (dimValue is null or PyNone)
        {
            var scalar = OpDims.Scalar;
            return pair ? new PyTuple([c.Result(scalar), c.Result(scalar)]) : c.Result(scalar);
        }

        if (TorchCall.DimsOf(dimValue) is not { } dims || keep is null || Array.Exists(dims, d => !d.IsKnown))
        {
            return pair ? new PyTuple([c.Result(null), c.Result(null)]) : c.Result(null);
        }

        var reduced = new bool[Math.Max(shape.Rank, 1)];
        foreach (var d in dims)
        {
            if (!c.TryWrap(d.Value, shape.Rank, out var w))
            {
                return pair ? new PyTuple([c.Result(null), c.Result(null)]) : c.Result(null);
            }

            reduced[w] = true;
        }

        var output = new List<Dim>(shape.Rank);
        for (var i = 0; i < shape.Rank; i++)
        {
            if (!reduced[i])
            {
                output.Add(shape[i]);
            }
            else if (keep.Value)
            {
                output.Add(1);
            }
        }

        var result = new Shape(output);
        var batch = x.BatchAxis >= 0 && !reduced[Math.Min(x.BatchAxis, reduced.Length - 1)] ? CountBefore(reduced, x.BatchAxis, keep.Value) : -1;
        var value = c.Result(result, batch, null, isSpatial: false);
        return pair ? new PyTuple([value, c.Result(result, batch, null, isSpatial: false)]) : value;
    }

    private static int CountBefore(bool[] reduced, int axis, bool keep)
    {
        if (keep)
        {
            return axis;
        }

        var removed = 0;
        for (var i = 0; i < axis; i++)
        {
            removed += reduced[i] ? 1 : 0;
        }

        return axis - removed;
    }

    private static PyValue StdVar(TorchCall c)
    {
        // std(input, unbiased) of the old signature takes a bool where the dim would be.
        return c.Arg(1, "dim") is PyBool ? Reduce(c, dimPosition: 99, pair: false) : Reduce(c, dimPosition: 1, pair: false);
    }

    private static PyValue MaxMin(TorchCall c)
    {
        var other = c.Arg(1, "other");
        if (other is PyTensor)
        {
            return ElementwiseOps.Broadcast(c, c.Arg(0, "input") ?? PyNone.Instance, other, inPlace: false);
        }

        return c.Arg(1, "dim") is null or PyNone ? Reduce(c, 1, pair: false) : Reduce(c, 1, pair: true);
    }

    private static PyValue Sort(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is { } shape && c.Long(1, "dim", -1) is { } dim && !c.TryWrap(dim, shape.Rank, out _))
        {
            return c.Result(null);
        }

        return c.OpName is "argsort" ? c.Result(x.Shape, x) : new PyTuple([c.Result(x.Shape, x), c.Result(x.Shape, x)]);
    }

    private static PyValue TopK(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Dim(1, "k") is not { } k || c.Long(2, "dim", -1) is not { } dim)
        {
            return new PyTuple([c.Result(null), c.Result(null)]);
        }

        if (!c.TryWrap(dim, shape.Rank, out var w))
        {
            return new PyTuple([c.Result(null), c.Result(null)]);
        }

        if (shape.Rank > 0 && k.IsKnown && shape[w].IsKnown && k.Value > shape[w].Value)
        {
            c.Report(OpError.Of(ShapeSafe.Diagnostics.DiagnosticCatalog.OpKOutOfRange, "selected index k out of range", c.OpName, k.Value, w, shape[w].Value));
            return new PyTuple([c.Result(null), c.Result(null)]);
        }

        var output = shape.Rank == 0 ? shape : shape.WithDim(w, k);
        return new PyTuple([c.Result(output, x), c.Result(output, x)]);
    }
}
