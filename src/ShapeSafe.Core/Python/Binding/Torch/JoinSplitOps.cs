using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Joining (cat, stack, hstack, vstack) and splitting (split, chunk, unbind, tensor_split, and glu's halving) tensors.</summary>
public static class JoinSplitOps
{
    public static void Register(TorchTable t)
    {
        t.Function(Glu, "torch.nn.functional.glu");
        t.Function(c => Join(c, "cat"), "torch.cat", "torch.concat", "torch.concatenate");
        t.Function(c => Join(c, "stack"), "torch.stack");
        t.Function(c => Join(c, "hstack"), "torch.hstack");
        t.Function(c => Join(c, "vstack"), "torch.vstack");
        t.Function(Split, "torch.split");
        t.Method(Split, "split");
        t.Function(Chunk, "torch.chunk");
        t.Method(Chunk, "chunk");
        t.Function(Unbind, "torch.unbind");
        t.Method(Unbind, "unbind");
        t.Function(TensorSplit, "torch.tensor_split");
        t.Method(TensorSplit, "tensor_split");
    }

    private static PyValue Join(TorchCall c, string op)
    {
        var sequence = c.Arg(0, "tensors");
        var items = sequence switch
        {
            PyList l => l.Items,
            PyTuple t => [.. t.Items],
            _ => null,
        };
        if (items is null)
        {
            return c.NotFollowed("the tensors to join are not known");
        }

        var shapes = new List<Shape>(items.Count);
        PyTensor? first = null;
        foreach (var item in items)
        {
            if (item is not PyTensor { Shape: { } s } t)
            {
                return c.Result(null, first);
            }

            first ??= t;
            shapes.Add(s);
        }

        var dim = c.Long(1, "dim", 0);
        if (dim is null)
        {
            return c.Result(null, first);
        }

        var result = op switch
        {
            "cat" => Concatenation.Cat(shapes, dim.Value, c.OpName),
            "stack" => Concatenation.Stack(shapes, dim.Value),
            "hstack" => Concatenation.Hstack(shapes),
            _ => Concatenation.Vstack(shapes),
        };
        if (result.Output is not { } output || first is null)
        {
            return c.From(result);
        }

        var batch = op == "cat" && first.BatchAxis >= 0 && output.Rank == first.Shape!.Rank && OpDims.Equal(output[first.BatchAxis], first.Shape[first.BatchAxis]) == true ? first.BatchAxis
            : op == "stack" && first.BatchAxis >= 0 ? (dim.Value >= 0 && dim.Value <= first.BatchAxis ? first.BatchAxis + 1 : dim.Value < 0 && dim.Value + output.Rank <= first.BatchAxis ? first.BatchAxis + 1 : first.BatchAxis)
            : -1;
        return c.Result(output, batch, null, isSpatial: false);
    }

    private static PyValue Split(TorchCall c)
    {
        if ((c.Tensor(0, "tensor") ?? c.Tensor(0, "input")) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var sizeArg = c.Arg(1, "split_size_or_sections") ?? c.Arg(1, "split_size");
        if (x.Shape is not { } shape || c.Long(2, "dim", 0) is not { } dim || sizeArg is null)
        {
            return new PyUnknown("the pieces of a split not known", c.Span);
        }

        if (PyNumbers.ToLong(sizeArg) is { } size)
        {
            return Pieces(c, Splitting.Split(shape, size, dim), x, dim);
        }

        return TorchCall.DimsOf(sizeArg) is { } sections
            ? Pieces(c, Splitting.SplitWithSizes(shape, sections, dim), x, dim)
            : new PyUnknown("the pieces of a split not known", c.Span);
    }

    /// <summary><c>F.glu(input, dim=-1)</c>: the input halved along dim.</summary>
    private static PyValue Glu(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim", -1) is not { } dim)
        {
            return c.Result(null, x);
        }

        var result = Splitting.Glu(shape, dim);
        return result.Output is { } output ? c.Result(output, x) : result.Error is not null ? c.From(result) : c.Result(null, x);
    }

    private static PyValue Chunk(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "chunks") is not { } chunks || c.Long(2, "dim", 0) is not { } dim)
        {
            return new PyUnknown("the pieces of a chunk not known", c.Span);
        }

        return Pieces(c, Splitting.Chunk(shape, chunks, dim), x, dim);
    }

    private static PyValue Unbind(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim", 0) is not { } dim)
        {
            return new PyUnknown("the pieces of an unbind not known", c.Span);
        }

        return Pieces(c, Splitting.Unbind(shape, dim), x, -1);
    }

    private static PyValue TensorSplit(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var how = c.Arg(1, "indices_or_sections") ?? c.Arg(1, "sections") ?? c.Arg(1, "indices");
        if (x.Shape is not { } shape || c.Long(2, "dim", 0) is not { } dim || how is null)
        {
            return new PyUnknown("the pieces of a tensor_split not known", c.Span);
        }

        if (PyNumbers.ToLong(how) is { } sections)
        {
            return Pieces(c, Splitting.TensorSplit(shape, sections, dim), x, dim);
        }

        return TorchCall.DimsOf(how) is { } indices && !Array.Exists(indices, d => !d.IsKnown)
            ? Pieces(c, Splitting.TensorSplitAt(shape, Array.ConvertAll(indices, d => d.Value), dim), x, dim)
            : new PyUnknown("the pieces of a tensor_split not known", c.Span);
    }

    /// <summary>The pieces as a tuple of tensors; the batch stays when the split is along another dim.</summary>
    private static PyValue Pieces(TorchCall c, OpResult result, PyTensor x, long dim)
    {
        if (result.Outputs is not { } outputs)
        {
            c.From(result);
            return new PyUnknown($"the pieces of a failed {c.OpName}", c.Span);
        }

        var wrapped = dim < 0 && x.Shape is { } s ? dim + s.Rank : dim;
        var batch = x.BatchAxis >= 0 && wrapped != x.BatchAxis && dim != -1 ? x.BatchAxis : -1;
        var items = new PyValue[outputs.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = c.Result(outputs[i], batch, null, isSpatial: false);
        }

        return new PyTuple(items);
    }
}
