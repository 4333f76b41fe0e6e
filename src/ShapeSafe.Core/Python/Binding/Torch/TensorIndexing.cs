using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Basic tensor indexing <c>x[i, :, None, ..., a:b:s]</c>: ints remove a dimension, slices shorten it, None inserts a 1,
/// Ellipsis fills the rest. An index that is a tensor or a list (advanced indexing) gives a tensor of unknown shape.
/// </summary>
public static class TensorIndexing
{
    public static PyValue Index(TorchCall c, PyTensor x, PyValue index)
    {
        if (x.Shape is not { } shape)
        {
            return c.Result(null, x);
        }

        var items = index is PyTuple { IsSize: false } t ? t.Items : [index];
        var consumed = 0;
        var ellipsis = -1;
        for (var i = 0; i < items.Length; i++)
        {
            switch (items[i])
            {
                case PyEllipsis:
                    if (ellipsis >= 0)
                    {
                        return c.Fail("an index can only have a single ellipsis ('...')");
                    }

                    ellipsis = i;
                    break;
                case PyNone or PyBool:
                    break;
                case PyInt or PySlice:
                    consumed++;
                    break;
                default:
                    // Tensors, lists, unknown values: advanced indexing whose result depends on values.
                    return c.Result(null, x);
            }
        }

        if (consumed > shape.Rank)
        {
            c.Report(Ops.OpError.Of(ShapeSafe.Diagnostics.DiagnosticCatalog.OpTooManyIndices, $"too many indices for tensor of dimension {shape.Rank}", "index", shape.Rank, consumed));
            return c.Result(null);
        }

        var output = new List<Dim>(shape.Rank + items.Length);
        var dim = 0;
        var batch = -1;
        for (var i = 0; i < items.Length; i++)
        {
            switch (items[i])
            {
                case PyEllipsis:
                    for (var k = 0; k < shape.Rank - consumed; k++)
                    {
                        if (dim == x.BatchAxis)
                        {
                            batch = output.Count;
                        }

                        output.Add(shape[dim++]);
                    }

                    break;
                case PyNone:
                    output.Add(1);
                    break;
                case PyBool b:
                    // x[True] adds a dimension of 1, x[False] of 0; neither consumes one.
                    output.Add(b.Value ? 1 : 0);
                    break;
                case PyInt n:
                    if (n.IsKnown && shape[dim].IsKnown && (n.Value.Value >= shape[dim].Value || n.Value.Value < -shape[dim].Value))
                    {
                        c.Report(Ops.OpError.Of(ShapeSafe.Diagnostics.DiagnosticCatalog.OpIndexOutOfBounds,
                            $"index {n.Value.Value} is out of bounds for dimension {dim} with size {shape[dim].Value}", "index", n.Value.Value, dim, shape[dim].Value));
                        return c.Result(null);
                    }

                    dim++;
                    break;
                case PySlice s:
                    if (dim == x.BatchAxis && IsFull(s))
                    {
                        batch = output.Count;
                    }

                    output.Add(SliceLength(s, shape[dim]) ?? Dim.Sym($"len{c.Span.Line}_{c.Span.Column}_{dim}"));
                    dim++;
                    break;
            }
        }

        while (dim < shape.Rank)
        {
            if (dim == x.BatchAxis)
            {
                batch = output.Count;
            }

            output.Add(shape[dim++]);
        }

        return c.Result(new Shape(output), batch, null, isSpatial: false);
    }

    private static bool IsFull(PySlice s) => s.Lower is PyNone && s.Upper is PyNone && s.Step is PyNone;

    /// <summary>The length of <c>size[s]</c>; null when a bound or the size is not known.</summary>
    private static Dim? SliceLength(PySlice s, Dim size)
    {
        if (IsFull(s))
        {
            return size;
        }

        if (!size.IsKnown || size.Value > int.MaxValue)
        {
            return null;
        }

        if (Interpreter.SliceIndices(s, (int)size.Value) is not { } range)
        {
            return null;
        }

        var (start, stop, step) = range;
        if (step < 0)
        {
            return null;
        }

        return Math.Max(0, (stop - start + step - 1) / step);
    }
}
