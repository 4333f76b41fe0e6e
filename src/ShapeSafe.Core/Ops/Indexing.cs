using System.Text;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// Subscripts <c>x[...]</c> as PyTorch's <c>applySlicing</c> and advanced indexing compute them: ints select (with a
/// bounds check against a known size), slices clamp as Python's do (step &gt; 0 only), None adds an axis, one ellipsis
/// stands for the dims the rest leave, and index tensors (long or bool) broadcast together and replace the dims they
/// index, in place when adjacent, else at the front. A slice of a symbolic size assumes the size reaches its bounds.
/// </summary>
public static class Indexing
{
    private sealed record Entry(Dim[] Dims, bool Advanced, IndexItem? Item, int BasicStart);

    /// <summary>
    /// <c>x[a, b, ...]</c>; a single item is <c>x[i]</c>, PyTorch's single-index path. (A one-item tuple <c>x[i,]</c>
    /// differs only on a 0-d tensor, where PyTorch says "too many indices"; that case is not modelled.)
    /// </summary>
    public static OpResult Index(Shape input, IReadOnlyList<IndexItem> items)
    {
        const string op = "index";
        var rank = input.Rank;
        var specified = 0;
        foreach (var item in items)
        {
            specified += item.Consumes;
        }

        // x[i] (one item, not a tuple) on a 0-d tensor takes PyTorch's single-index path.
        if (rank == 0 && items.Count == 1 && items[0].Kind is IndexKind.Integer or IndexKind.Slice)
        {
            var item = items[0];
            if (item.Kind == IndexKind.Integer && item.Value != 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexOutOfBounds,
                    $"index {item.Value} is out of bounds for dimension 0 with size 0", op, item.Value, 0, 0));
            }

            var text = item.Kind == IndexKind.Integer
                ? "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
                : "slice() cannot be applied to a 0-dim tensor.";
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpTooManyIndices, text, op, 0, 1));
        }

        if (specified > rank)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpTooManyIndices, $"too many indices for tensor of dimension {rank}", op, rank, specified));
        }

        var entries = new List<Entry>(rank + items.Count);
        var src = 0;
        var basic = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Consumes > 0 && src + item.Consumes > rank)
            {
                return OpResult.Fail(PastTheEnd(item, i, entries.Count + (rank - src), basic, rank, specified));
            }

            switch (item.Kind)
            {
                case IndexKind.Integer:
                {
                    var size = input[src];
                    if (size.IsKnown && (item.Value < -size.Value || item.Value >= size.Value))
                    {
                        return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexOutOfBounds,
                            $"index {item.Value} is out of bounds for dimension {i} with size {size.Value}", op, item.Value, i, size.Value));
                    }

                    src++;
                    break;
                }

                case IndexKind.Slice:
                {
                    var step = item.Step ?? 1;
                    if (step == 0)
                    {
                        return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "slice step cannot be zero", op, "step", "cannot be zero"));
                    }

                    if (step < 0)
                    {
                        return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "step must be greater than zero",
                            op, "step", $"must be greater than zero, but got {step} (use torch.flip to reverse)"));
                    }

                    entries.Add(new Entry([SliceLength(input[src], item.Start, item.Stop, step)], false, null, basic++));
                    src++;
                    break;
                }

                case IndexKind.NewAxis:
                    entries.Add(new Entry([Dim.Known(1)], false, null, basic++));
                    break;

                case IndexKind.Ellipsis:
                {
                    // PyTorch 1.13 accepts a second ellipsis; the dims it would skip past the end are not there.
                    var n = Math.Min(rank - specified, rank - src);
                    for (var k = 0; k < n; k++)
                    {
                        entries.Add(new Entry([input[src++]], false, null, basic++));
                    }

                    break;
                }

                default:
                {
                    if (item.Kind == IndexKind.LongTensor && OpDims.Is(input[src], 0) && OpDims.Numel(item.TensorShape!) is { IsKnown: true, Value: > 0 })
                    {
                        // Any position is out of bounds for an empty dim.
                        return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexOutOfBounds, "index is out of bounds for dimension with size 0",
                            op, $"tensor of shape {item.TensorShape}", src, 0));
                    }

                    var consumed = item.Consumes;
                    var dims = new Dim[consumed];
                    for (var k = 0; k < consumed; k++)
                    {
                        dims[k] = input[src++];
                    }

                    entries.Add(new Entry(dims, true, item, basic));
                    basic += consumed;
                    break;
                }
            }
        }

        while (src < rank)
        {
            entries.Add(new Entry([input[src++]], false, null, basic++));
        }

        return Assemble(input, entries, op);
    }

    /// <summary>After a second ellipsis PyTorch 1.13 moves past the last dim; what the next item then raises.</summary>
    private static OpError PastTheEnd(IndexItem item, int position, int resultRank, int pointer, int rank, int specified)
    {
        if (item.Kind == IndexKind.Integer)
        {
            return OpError.Of(DiagnosticCatalog.OpIndexOutOfBounds,
                $"index {item.Value} is out of bounds for dimension {position} with size 0", "index", item.Value, position, 0);
        }

        var (min, max) = Layers.DimIndex.Range(resultRank);
        return OpError.Of(DiagnosticCatalog.OpTooManyIndices,
            $"Dimension out of range (expected to be in range of [{min}, {max}], but got {pointer})", "index", rank, specified);
    }

    /// <summary>The length of <c>start:stop:step</c> over a dim of <paramref name="size"/> (step &gt; 0), clamped as Python clamps.</summary>
    public static Dim SliceLength(Dim size, long? start, long? stop, long step)
    {
        if (size.IsKnown)
        {
            var n = size.Value;
            var s = Clamp(start ?? 0, n);
            var e = Clamp(stop ?? n, n);
            return Dim.Known(e <= s ? 0 : OpDims.CeilDiv(e - s, step));
        }

        // Symbolic size: assume it is at least as large as every bound written.
        Dim from = start is null ? Dim.Known(0) : start.Value < 0 ? size + Dim.Known(start.Value) : Dim.Known(start.Value);
        Dim to = stop is null ? size : stop.Value < 0 ? size + Dim.Known(stop.Value) : Dim.Known(stop.Value);
        var length = to - from;
        if (length.IsKnown)
        {
            return Dim.Known(length.Value <= 0 ? 0 : OpDims.CeilDiv(length.Value, step));
        }

        return step == 1 ? length : Dim.FloorDiv(length + Dim.Known(step - 1), Dim.Known(step));
    }

    private static long Clamp(long index, long size)
    {
        if (index < 0)
        {
            index += size;
        }

        return Math.Clamp(index, 0, size);
    }

    private static OpResult Assemble(Shape input, List<Entry> entries, string op)
    {
        var firstAdvanced = -1;
        var lastAdvanced = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Advanced)
            {
                firstAdvanced = firstAdvanced < 0 ? i : firstAdvanced;
                lastAdvanced = i;
            }
        }

        if (firstAdvanced < 0)
        {
            var plain = new List<Dim>(entries.Count);
            foreach (var e in entries)
            {
                plain.Add(e.Dims[0]);
            }

            return OpResult.Ok(new Shape(plain));
        }

        // The tensor the advanced indices apply to: basic indexing done, their own dims still in place.
        var basicDims = new List<Dim>();
        foreach (var e in entries)
        {
            basicDims.AddRange(e.Dims);
        }

        var indexed = new Shape(basicDims);
        var indexShapes = new List<Shape>();
        var adjacent = true;
        for (var i = firstAdvanced; i <= lastAdvanced; i++)
        {
            var e = entries[i];
            if (!e.Advanced)
            {
                adjacent = false;
                continue;
            }

            if (e.Item!.Kind == IndexKind.LongTensor)
            {
                indexShapes.Add(e.Item.TensorShape!);
                continue;
            }

            var mask = e.Item.TensorShape!;
            for (var k = 0; k < mask.Rank; k++)
            {
                if (OpDims.Differ(mask[k], e.Dims[k]))
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexShape,
                        $"The shape of the mask {mask.ToTorchString()} at index {k} does not match the shape of the indexed tensor {indexed.ToTorchString()} at index {e.BasicStart + k}",
                        op, mask, input, $"the mask's dimension {k} has size {mask[k]} but the dimension it indexes has size {e.Dims[k]}"));
                }
            }

            for (var k = 0; k < Math.Max(mask.Rank, 1); k++)
            {
                indexShapes.Add(new Shape(e.Item.Count));
            }
        }

        var broadcast = indexShapes[0];
        for (var i = 1; i < indexShapes.Count; i++)
        {
            if (!Broadcasting.TryBroadcast(broadcast, indexShapes[i], op, out broadcast, out _))
            {
                var shapes = new StringBuilder();
                for (var k = 0; k < indexShapes.Count; k++)
                {
                    shapes.Append(k == 0 ? string.Empty : ", ").Append(indexShapes[k].ToTorchString());
                }

                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpIndexShape,
                    $"shape mismatch: indexing tensors could not be broadcast together with shapes {shapes}",
                    op, indexShapes[i], input, $"the index tensors' shapes {shapes} do not broadcast together"));
            }
        }

        var result = new List<Dim>();
        if (!adjacent)
        {
            result.AddRange(broadcast);
        }

        var placed = !adjacent;
        foreach (var e in entries)
        {
            if (!e.Advanced)
            {
                result.Add(e.Dims[0]);
            }
            else if (!placed)
            {
                result.AddRange(broadcast);
                placed = true;
            }
        }

        return OpResult.Ok(new Shape(result));
    }
}
