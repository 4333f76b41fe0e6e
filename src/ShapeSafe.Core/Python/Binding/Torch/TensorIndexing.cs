using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Tensor subscripts <c>x[i, :, None, ..., a:b:s, idx, mask]</c> read into <see cref="IndexItem"/>s for the
/// <see cref="Indexing"/> rule. An index tensor counts as long or bool only when its element type is known (a comparison
/// gives bool, argmax long); otherwise, and for lists and values not known, the result's shape is unknown.
/// </summary>
public static class TensorIndexing
{
    public static PyValue Index(TorchCall c, PyTensor x, PyValue index)
    {
        if (x.Shape is not { } shape)
        {
            return c.Result(null, x);
        }

        var raw = index is PyTuple { IsSize: false } t ? t.Items : [index];
        var items = new IndexItem[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (ItemOf(raw[i], c, i) is not { } item)
            {
                return c.Result(null, x);
            }

            items[i] = item;
        }

        var result = Indexing.Index(shape, items);
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        return c.Result(output, BatchAfter(x, raw, shape), null, isSpatial: false);
    }

    private static IndexItem? ItemOf(PyValue value, TorchCall c, int position)
    {
        switch (value)
        {
            case PyNone:
                return IndexItem.NewAxis;
            case PyEllipsis:
                return IndexItem.Ellipsis;
            case PyBool b:
                // x[True] adds an axis of 1, x[False] one of 0: a mask of a 0-d tensor.
                return IndexItem.Mask(new Shape(), b.Value ? 1 : 0);
            case PyInt { IsKnown: true } i:
                return IndexItem.Integer(i.Value.Value);
            case PySlice s:
            {
                long? Bound(PyValue v) => v is PyNone ? null : PyNumbers.ToLong(v);
                var start = Bound(s.Lower);
                var stop = Bound(s.Upper);
                var step = Bound(s.Step);
                if ((s.Lower is not PyNone && start is null) || (s.Upper is not PyNone && stop is null) || (s.Step is not PyNone && step is null))
                {
                    return null;
                }

                return IndexItem.Slice(start, stop, step);
            }

            case PyTensor { Shape: { } indexShape, DType: "bool" }:
                return IndexItem.Mask(indexShape, Dim.Sym($"mask{c.Span.Line}_{c.Span.Column}_{position}"));
            case PyTensor { Shape: { } indexShape, DType: "long" }:
                return IndexItem.LongTensor(indexShape);
            default:
                return null;
        }
    }

    /// <summary>Where the batch dimension is after basic indexing that keeps it with a full slice or an ellipsis.</summary>
    private static int BatchAfter(PyTensor x, PyValue[] items, Shape shape)
    {
        if (x.BatchAxis != 0 || items.Length == 0)
        {
            return x.BatchAxis == 0 && items.Length == 0 ? 0 : -1;
        }

        return items[0] switch
        {
            PySlice { Lower: PyNone, Upper: PyNone, Step: PyNone } => 0,
            PyEllipsis when shape.Rank > items.Length - 1 => 0,
            _ => -1,
        };
    }
}
