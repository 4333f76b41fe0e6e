using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Joining (cat, stack, hstack, vstack) and splitting (split, chunk, unbind, tensor_split) tensors.</summary>
public static class JoinSplitOps
{
    public static void Register(TorchTable t)
    {
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
        if (x.Shape is not { } shape || c.Long(2, "dim", 0) is not { } dim || sizeArg is null || !c.TryWrap(dim, shape.Rank, out var w))
        {
            return new PyUnknown("the pieces of a split not known", c.Span);
        }

        var length = shape[w];
        if (PyNumbers.ToLong(sizeArg) is { } size)
        {
            if (!length.IsKnown || size <= 0)
            {
                return new PyUnknown("the pieces of a split not known", c.Span);
            }

            var pieces = new List<PyValue>();
            for (long start = 0; start < length.Value || (length.Value == 0 && start == 0); start += size)
            {
                pieces.Add(c.Result(shape.WithDim(w, Math.Min(size, length.Value - start)), x));
                if (length.Value == 0)
                {
                    break;
                }
            }

            return new PyTuple([.. pieces]);
        }

        if (TorchCall.DimsOf(sizeArg) is not { } sections)
        {
            return new PyUnknown("the pieces of a split not known", c.Span);
        }

        var total = Dim.Known(0);
        foreach (var s in sections)
        {
            total += s;
        }

        if (OpDims.Equal(total, length) == false)
        {
            c.Report(OpError.Of(ShapeSafe.Diagnostics.DiagnosticCatalog.OpSplitSizes,
                $"split_with_sizes expects split_sizes to sum exactly to {length} (input tensor's size at dimension {w}), but got split_sizes={OpDims.List(sections)}",
                c.OpName, OpDims.List(sections), length, w));
            return new PyUnknown("the pieces of a failed split", c.Span);
        }

        var parts = new PyValue[sections.Length];
        for (var i = 0; i < sections.Length; i++)
        {
            parts[i] = c.Result(shape.WithDim(w, sections[i]), x);
        }

        return new PyTuple(parts);
    }

    private static PyValue Chunk(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "chunks") is not { } chunks || c.Long(2, "dim", 0) is not { } dim || !c.TryWrap(dim, shape.Rank, out var w))
        {
            return new PyUnknown("the pieces of a chunk not known", c.Span);
        }

        if (chunks <= 0)
        {
            c.Fail("chunk expects `chunks` to be greater than 0, got: " + chunks);
            return new PyUnknown("the pieces of a failed chunk", c.Span);
        }

        var length = shape[w];
        if (!length.IsKnown)
        {
            // A symbolic length divisible by the chunk count splits evenly.
            if (Dim.DivideExact(length, chunks) is { } even)
            {
                var same = new PyValue[chunks];
                for (var i = 0; i < chunks; i++)
                {
                    same[i] = c.Result(shape.WithDim(w, even), x);
                }

                return new PyTuple(same);
            }

            return new PyUnknown("the pieces of a chunk of a symbolic size", c.Span);
        }

        var size = (length.Value + chunks - 1) / chunks;
        var pieces = new List<PyValue>();
        if (size == 0)
        {
            for (var i = 0; i < Math.Min(chunks, 1); i++)
            {
                pieces.Add(c.Result(shape, x));
            }

            return new PyTuple([.. pieces]);
        }

        for (long start = 0; start < length.Value; start += size)
        {
            pieces.Add(c.Result(shape.WithDim(w, Math.Min(size, length.Value - start)), x));
        }

        return new PyTuple([.. pieces]);
    }

    private static PyValue Unbind(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim", 0) is not { } dim || !c.TryWrap(dim, shape.Rank, out var w) || !shape[w].IsKnown || shape[w].Value > 4096)
        {
            return new PyUnknown("the pieces of an unbind not known", c.Span);
        }

        var rest = OpDims.Remove(shape, w);
        var pieces = new PyValue[shape[w].Value];
        for (var i = 0; i < pieces.Length; i++)
        {
            pieces[i] = c.Result(rest, x);
        }

        return new PyTuple(pieces);
    }
}
