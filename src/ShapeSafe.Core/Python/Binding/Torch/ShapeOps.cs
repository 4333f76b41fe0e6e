using ShapeSafe.Diagnostics;
using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Python.Syntax;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// Ops that rearrange a tensor's dimensions: view/reshape (with the batch warning for <c>-1</c>), flatten/unflatten,
/// squeeze/unsqueeze, transpose/permute/t/movedim, expand/expand_as/repeat.
/// </summary>
public static class ShapeOps
{
    public static void Register(TorchTable t)
    {
        t.Method(c => View(c, "view"), "view");
        t.Method(c => View(c, "reshape"), "reshape");
        t.Function(c => View(c, "reshape"), "torch.reshape");
        t.Method(c => ViewAs(c, "view_as"), "view_as");
        t.Method(c => ViewAs(c, "reshape_as"), "reshape_as");
        t.Function(Flatten, "torch.flatten");
        t.Method(Flatten, "flatten");
        t.Function(Unflatten, "torch.unflatten");
        t.Method(Unflatten, "unflatten");
        t.Function(Squeeze, "torch.squeeze");
        t.Method(Squeeze, "squeeze", "squeeze_");
        t.Function(Unsqueeze, "torch.unsqueeze");
        t.Method(Unsqueeze, "unsqueeze", "unsqueeze_");
        t.Function(Transpose, "torch.transpose", "torch.swapaxes", "torch.swapdims");
        t.Method(Transpose, "transpose", "transpose_", "swapaxes", "swapdims");
        t.Function(Permute, "torch.permute");
        t.Method(Permute, "permute");
        t.Function(T, "torch.t");
        t.Method(T, "t", "t_");
        t.Function(Movedim, "torch.movedim", "torch.moveaxis");
        t.Method(Movedim, "movedim", "moveaxis");
        t.Method(Expand, "expand");
        t.Method(c => c.Tensor(0, "input") is { Shape: { } s } && c.Tensor(1, "other") is { Shape: { } o } ? c.From(Expansion.ExpandAs(s, o)) : c.Result(null), "expand_as");
        t.Method(Repeat, "repeat");
        t.Function(c => Tile(c), "torch.tile");
        t.Method(c => Tile(c), "tile");
    }

    private static PyTensor? Input(TorchCall c) => c.Tensor(0, "input");

    private static PyValue View(TorchCall c, string op)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var sizes = c.Sizes(1, "shape") ?? (op == "view" ? c.Sizes(1, "size") : null);
        if (x.Shape is not { } shape || sizes is null)
        {
            return c.Result(null, x);
        }

        var result = op == "view" ? Views.View(shape, sizes) : Views.Reshape(shape, sizes);
        if (result.Error is not null || result.Output is not { } output)
        {
            return c.From(result);
        }

        var hasMinusOne = false;
        foreach (var s in sizes)
        {
            hasMinusOne |= s.IsKnown && s.Value == -1;
        }

        var batchKept = x.BatchAxis == 0 && output.Rank > 0 && OpDims.Equal(output[0], shape[0]) == true;
        if (hasMinusOne && x.BatchAxis == 0 && output.Rank > 0 && shape.Rank > 0 && OpDims.Equal(output[0], shape[0]) == false)
        {
            WarnBatchFolded(c, shape, output);
        }

        var flattenedFrom = output.Rank == 2 && shape.Rank > 2 && batchKept ? shape : null;
        return c.Result(output, batchKept ? 0 : -1, flattenedFrom, isSpatial: false);
    }

    private static void WarnBatchFolded(TorchCall c, Shape input, Shape output)
    {
        var fixes = new List<Fix>();
        if (output.Rank == 2 && c.Expression is CallExpr { Func: AttributeExpr receiver })
        {
            var x = c.Interpreter.TextOf(receiver.Value);
            var span = c.Span;
            if (span.Line == c.Interpreter.SpanOf(new TextRange(c.Expression.Range.End - 1, c.Expression.Range.End)).Line)
            {
                fixes.Add(new Fix($"flatten per sample: torch.flatten({x}, 1)", Applicability.MaybeIncorrect, [TextEdit.Replace(span, $"torch.flatten({x}, 1)")]));
                fixes.Add(new Fix($"keep the batch: {x}.{c.OpName}({x}.size(0), -1)", Applicability.MaybeIncorrect,
                    [TextEdit.Replace(span, $"{x}.{c.OpName}({x}.size(0), -1)")]));
            }
        }

        c.Interpreter.Report(Diagnostic.Create(DiagnosticCatalog.BatchFolded, c.Span, c.DisplayName, input[0], output[0], input.ToTorchString(), output.ToTorchString()) with
        {
            Fixes = fixes,
            Notes = ["PyTorch does not raise here; a loss later fails with \"Expected input batch_size (...) to match target batch_size (...)\", or the model silently mixes samples"],
        });
    }

    private static PyValue ViewAs(TorchCall c, string op)
    {
        if (Input(c) is not { } x || c.Tensor(1, "other") is not { } other)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || other.Shape is not { } target)
        {
            return c.Result(null, x);
        }

        return c.From(op == "view_as" ? Views.ViewAs(shape, target) : Views.ReshapeAs(shape, target));
    }

    private static PyValue Flatten(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var start = c.Long(1, "start_dim", 0);
        var end = c.Long(2, "end_dim", -1);
        if (x.Shape is not { } shape || start is null || end is null)
        {
            return c.Result(null, x);
        }

        var result = Views.Flatten(shape, start.Value, end.Value);
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var batch = x.BatchAxis == 0 && start.Value != 0 && !(start.Value < 0 && start.Value + shape.Rank == 0) ? 0 : -1;
        var flattenedFrom = output.Rank < shape.Rank && (end.Value == -1 || end.Value == shape.Rank - 1) ? shape : null;
        return c.Result(output, batch, flattenedFrom, isSpatial: false);
    }

    private static PyValue Unflatten(TorchCall c)
    {
        if (Input(c) is not { Shape: { } shape } x || c.Long(1, "dim") is not { } dim || (c.Arg(2, "sizes") is { } s ? TorchCall.DimsOf(s) : null) is not { } sizes)
        {
            return c.Result(null);
        }

        return c.From(Views.Unflatten(shape, dim, sizes));
    }

    private static PyValue Squeeze(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape)
        {
            return c.Result(null, x);
        }

        var dimValue = c.Arg(1, "dim");
        if (dimValue is null or PyNone)
        {
            return c.From(DimensionOps.Squeeze(shape));
        }

        if (TorchCall.DimsOf(dimValue) is not { } dims || Array.Exists(dims, d => !d.IsKnown))
        {
            return c.Result(null, x);
        }

        return c.From(DimensionOps.Squeeze(shape, Array.ConvertAll(dims, d => d.Value)));
    }

    private static PyValue Unsqueeze(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim") is not { } dim)
        {
            return c.Result(null, x);
        }

        var result = DimensionOps.Unsqueeze(shape, dim);
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var wrapped = dim < 0 ? dim + shape.Rank + 1 : dim;
        var batch = x.BatchAxis >= 0 ? (wrapped <= x.BatchAxis ? x.BatchAxis + 1 : x.BatchAxis) : -1;
        return c.Result(output, (int)batch, null, isSpatial: false);
    }

    private static PyValue Transpose(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        if (x.Shape is not { } shape || c.Long(1, "dim0") is not { } d0 || c.Long(2, "dim1") is not { } d1)
        {
            return c.Result(null, x);
        }

        var result = DimensionOps.Transpose(shape, d0, d1, c.OpName.TrimEnd('_'));
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var batch = x.BatchAxis;
        if (batch >= 0)
        {
            var w0 = (int)(d0 < 0 ? d0 + shape.Rank : d0);
            var w1 = (int)(d1 < 0 ? d1 + shape.Rank : d1);
            batch = batch == w0 ? w1 : batch == w1 ? w0 : batch;
        }

        return c.Result(output, batch, null, isSpatial: false);
    }

    private static PyValue Permute(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var dims = c.Sizes(1, "dims");
        if (x.Shape is not { } shape || dims is null || Array.Exists(dims, d => !d.IsKnown))
        {
            return c.Result(null, x);
        }

        var order = Array.ConvertAll(dims, d => d.Value);
        var result = DimensionOps.Permute(shape, order);
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var batch = -1;
        for (var i = 0; i < order.Length && x.BatchAxis >= 0; i++)
        {
            if ((order[i] < 0 ? order[i] + shape.Rank : order[i]) == x.BatchAxis)
            {
                batch = i;
            }
        }

        return c.Result(output, batch, null, isSpatial: false);
    }

    private static PyValue T(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        return x.Shape is { } shape ? c.From(DimensionOps.T(shape)) : c.Result(null, x);
    }

    private static PyValue Movedim(TorchCall c)
    {
        if (Input(c) is not { Shape: { } shape } || (c.Arg(1, "source") is { } s ? TorchCall.DimsOf(s) : null) is not { } source
            || (c.Arg(2, "destination") is { } d ? TorchCall.DimsOf(d) : null) is not { } destination
            || Array.Exists(source, v => !v.IsKnown) || Array.Exists(destination, v => !v.IsKnown))
        {
            return c.Result(null);
        }

        return c.From(DimensionOps.Movedim(shape, Array.ConvertAll(source, v => v.Value), Array.ConvertAll(destination, v => v.Value)));
    }

    private static PyValue Expand(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var sizes = c.Sizes(1, "size");
        return x.Shape is { } shape && sizes is not null ? c.From(Expansion.Expand(shape, sizes)) : c.Result(null, x);
    }

    private static PyValue Repeat(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var sizes = c.Sizes(1, "repeats");
        return x.Shape is { } shape && sizes is not null ? c.From(Expansion.Repeat(shape, sizes)) : c.Result(null, x);
    }

    private static PyValue Tile(TorchCall c)
    {
        if (Input(c) is not { } x)
        {
            return c.NotFollowed("its input is not a tensor the checker follows");
        }

        var reps = c.Sizes(1, "dims");
        if (x.Shape is not { } shape || reps is null)
        {
            return c.Result(null, x);
        }

        // tile pads the repeats with leading ones up to the input's rank, then behaves as repeat.
        var padded = new List<Dim>();
        for (var i = reps.Length; i < shape.Rank; i++)
        {
            padded.Add(1);
        }

        padded.AddRange(reps);
        return c.From(Expansion.Repeat(shape, padded));
    }
}
