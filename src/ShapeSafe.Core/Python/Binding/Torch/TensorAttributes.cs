using ShapeSafe.Dataflow;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Tensor attributes (<c>shape</c>, <c>ndim</c>, <c>T</c>, <c>dtype</c>) and the size queries <c>size</c>, <c>dim</c>, <c>numel</c>.</summary>
public static class TensorAttributes
{
    public static void Register(TorchTable t)
    {
        t.Method(Size, "size");
        t.Method(c => c.Tensor(0, "input") is { Shape: { } s } ? PyInt.Of(s.Rank) : new PyUnknown("dim() of a tensor of unknown shape", c.Span), "dim", "ndimension");
        t.Function(c => c.Tensor(0, "input") is { Shape: { } s } ? PyInt.Of(s.Rank) : new PyUnknown("dim() of a tensor of unknown shape", c.Span), "torch.Tensor.dim");
        t.Method(Numel, "numel", "nelement");
        t.Function(Numel, "torch.numel");
        t.Method(ValueOf, "item", "tolist", "numpy");
        t.Method(c => new PyUnknown("a storage property", c.Span), "data_ptr", "element_size");
        t.Function(c => c.Tensor(0, "input") is { Shape: { } s } ? PyBool.Of(s.Rank == 0 ? false : s.IsFullyKnown && s.Product().Value == 0) : new PyUnknown("is_empty", c.Span), "torch.is_empty");
        t.Function(c => PyBool.Of(c.Arg(0, "obj") is PyTensor), "torch.is_tensor");
    }

    /// <summary>An attribute of a tensor that is not a method call; null when the name is not one.</summary>
    public static PyValue? Get(Interpreter interpreter, PyTensor t, string name, SourceSpan span)
    {
        switch (name)
        {
            case "shape":
                return t.Shape is { } s ? Interpreter.SizeTuple([.. s]) : new PyUnknown("the shape of a tensor not known", span);
            case "ndim":
                return t.Shape is { } r ? PyInt.Of(r.Rank) : new PyUnknown("the rank of a tensor not known", span);
            case "T":
                if (t.Shape is not { } ts)
                {
                    return interpreter.MakeTensor(NodeKind.CallMethod, "T", span, null, t, [t], string.Empty);
                }

                var reversed = new Dim[ts.Rank];
                for (var i = 0; i < ts.Rank; i++)
                {
                    reversed[i] = ts[ts.Rank - 1 - i];
                }

                return interpreter.MakeTensor(NodeKind.CallMethod, "T", span, new Shape(reversed), null, [t], string.Empty);
            case "mT":
                if (t.Shape is not { Rank: >= 2 } ms)
                {
                    return interpreter.MakeTensor(NodeKind.CallMethod, "mT", span, null, t, [t], string.Empty);
                }

                return interpreter.MakeTensor(NodeKind.CallMethod, "mT", span, ms.WithDim(ms.Rank - 1, ms[^2]).WithDim(ms.Rank - 2, ms[^1]), null, [t], string.Empty);
            case "data":
                return t;
            case "dtype":
                return new PyOpaque("torch.dtype");
            case "device":
                return new PyOpaque("torch.device");
            case "is_cuda":
                return PyBool.False;
            case "requires_grad":
            case "grad":
            case "grad_fn":
                return new PyUnknown($"Tensor.{name}", span);
        }

        return interpreter.Table.Methods.TryGetValue(name, out var method) ? new PyBuiltin(name, method, t) : null;
    }

    /// <summary><c>x.item()</c>, <c>x.tolist()</c>: tensor values, which the checker never knows.</summary>
    private static PyValue ValueOf(TorchCall c)
    {
        c.Interpreter.Note(c.Span, c.DisplayName, "tensor values are not known when checking");
        return new PyUnknown($"the values of {c.DisplayName}()", c.Span);
    }

    private static PyValue Size(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { Shape: { } shape })
        {
            return new PyUnknown("the size of a tensor not known", c.Span);
        }

        if (c.Arg(1, "dim") is not { } dimValue || dimValue is PyNone)
        {
            return Interpreter.SizeTuple([.. shape]);
        }

        if (PyNumbers.ToLong(dimValue) is not { } dim)
        {
            return new PyUnknown("size() of a dim not known", c.Span);
        }

        return c.TryWrap(dim, shape.Rank, out var wrapped) && shape.Rank > 0 ? PyInt.Of(shape[wrapped]) : new PyUnknown("size() of a dim out of range", c.Span);
    }

    private static PyValue Numel(TorchCall c) =>
        c.Tensor(0, "input") is { Shape: { } s } ? PyInt.Of(s.Product()) : new PyUnknown("numel() of a tensor of unknown shape", c.Span);
}
