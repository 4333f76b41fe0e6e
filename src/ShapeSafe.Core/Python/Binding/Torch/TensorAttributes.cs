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
        t.Method(Rank, "dim", "ndimension");
        t.Function(Rank, "torch.Tensor.dim");
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
                return t.Shape is { } s ? GetAttr(interpreter, t, name, span, Interpreter.SizeTuple([.. s])) : new PyUnknown("the shape of a tensor not known", span);
            case "ndim":
                return t.Shape is { } r ? GetAttr(interpreter, t, name, span, PyInt.Of(r.Rank)) : new PyUnknown("the rank of a tensor not known", span);
            case "T":
                if (t.Shape is not { } ts)
                {
                    return interpreter.MakeTensor(NodeKind.CallFunction, "getattr", span, null, t, [t], string.Empty, AttrArgs(interpreter, t, name));
                }

                var reversed = new Dim[ts.Rank];
                for (var i = 0; i < ts.Rank; i++)
                {
                    reversed[i] = ts[ts.Rank - 1 - i];
                }

                return interpreter.MakeTensor(NodeKind.CallFunction, "getattr", span, new Shape(reversed), null, [t], string.Empty, AttrArgs(interpreter, t, name));
            case "mT":
                if (t.Shape is not { Rank: >= 2 } ms)
                {
                    return interpreter.MakeTensor(NodeKind.CallFunction, "getattr", span, null, t, [t], string.Empty, AttrArgs(interpreter, t, name));
                }

                return interpreter.MakeTensor(NodeKind.CallFunction, "getattr", span, ms.WithDim(ms.Rank - 1, ms[^2]).WithDim(ms.Rank - 2, ms[^1]), null, [t], string.Empty,
                    AttrArgs(interpreter, t, name));
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

    /// <summary><c>x.shape</c>, <c>x.ndim</c> read from a recorded tensor: a <c>getattr</c> node (torch.fx's form), args the tensor and the name.</summary>
    private static PyValue GetAttr(Interpreter interpreter, PyTensor t, string name, SourceSpan span, PyValue value) =>
        interpreter.Graph is null || t.Node is null ? value
            : interpreter.SizeNode(NodeKind.CallFunction, "getattr", span, AttrArgs(interpreter, t, name)!, [], value);

    private static NodeArg[]? AttrArgs(Interpreter interpreter, PyTensor t, string name) =>
        interpreter.Graph is null ? null : [interpreter.ToArg(t), new ConstArg(name)];

    private static PyValue Rank(TorchCall c) =>
        c.Tensor(0, "input") is { Shape: { } s } ? c.SizeResult(PyInt.Of(s.Rank)) : new PyUnknown("dim() of a tensor of unknown shape", c.Span);

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
            return c.SizeResult(Interpreter.SizeTuple([.. shape]));
        }

        if (PyNumbers.ToLong(dimValue) is not { } dim)
        {
            return new PyUnknown("size() of a dim not known", c.Span);
        }

        return c.TryWrap(dim, shape.Rank, out var wrapped) && shape.Rank > 0 ? c.SizeResult(PyInt.Of(shape[wrapped])) : new PyUnknown("size() of a dim out of range", c.Span);
    }

    private static PyValue Numel(TorchCall c) =>
        c.Tensor(0, "input") is { Shape: { } s } ? c.SizeResult(PyInt.Of(s.Product())) : new PyUnknown("numel() of a tensor of unknown shape", c.Span);
}
