using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Matrix products: matmul and <c>@</c>, mm, bmm, mv, dot, inner, addmm, baddbmm, outer, einsum, and <c>F.linear</c> with a weight tensor.</summary>
public static class MatrixOps
{
    public static void Register(TorchTable t)
    {
        t.Function(c => Matmul(c, c.Arg(0, "input") ?? PyNone.Instance, c.Arg(1, "other") ?? PyNone.Instance), "torch.matmul");
        t.Method(c => Matmul(c, c.Arg(0, "input") ?? PyNone.Instance, c.Arg(1, "other") ?? PyNone.Instance), "matmul", "__matmul__");
        t.Function(c => Two(c, "mat2", MatrixProducts.Mm), "torch.mm");
        t.Method(c => Two(c, "mat2", MatrixProducts.Mm), "mm");
        t.Function(c => Two(c, "mat2", MatrixProducts.Bmm), "torch.bmm");
        t.Method(c => Two(c, "mat2", MatrixProducts.Bmm), "bmm");
        t.Function(c => Two(c, "vec", MatrixProducts.Mv), "torch.mv");
        t.Method(c => Two(c, "vec", MatrixProducts.Mv), "mv");
        t.Function(c => Two(c, "other", MatrixProducts.Dot), "torch.dot");
        t.Method(c => Two(c, "other", MatrixProducts.Dot), "dot");
        t.Function(c => Two(c, "other", MatrixProducts.Inner), "torch.inner");
        t.Method(c => Two(c, "other", MatrixProducts.Inner), "inner");
        t.Function(Addmm, "torch.addmm");
        t.Method(Addmm, "addmm");
        t.Function(Baddbmm, "torch.baddbmm");
        t.Method(Baddbmm, "baddbmm");
        t.Function(Outer, "torch.outer", "torch.ger");
        t.Method(Outer, "outer", "ger");
        t.Function(Linear, "torch.nn.functional.linear");
        t.Function(Einsum, "torch.einsum");
    }

    /// <summary><c>a @ b</c> / <c>torch.matmul(a, b)</c>.</summary>
    public static PyValue Matmul(TorchCall c, PyValue a, PyValue b)
    {
        if (a is not PyTensor ta || b is not PyTensor tb)
        {
            return c.Result(null);
        }

        if (ta.Shape is null || tb.Shape is null)
        {
            return c.Result(null, ta);
        }

        return Keep(c, MatrixProducts.Matmul(ta.Shape, tb.Shape, c.OpName == "@" ? "matmul" : c.OpName), ta);
    }

    private static PyValue Keep(TorchCall c, OpResult result, PyTensor from)
    {
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var batch = from.BatchAxis == 0 && output.Rank > 0 && from.Shape!.Rank > 0 && OpDims.Equal(output[0], from.Shape[0]) == true ? 0 : -1;
        return c.Result(output, batch, null, isSpatial: false);
    }

    private static PyValue Two(TorchCall c, string other, Func<ShapeSafe.Shapes.Shape, ShapeSafe.Shapes.Shape, string, OpResult> rule)
    {
        if (c.Tensor(0, "input") is not { } a || c.Tensor(1, other) is not { } b)
        {
            return c.Result(null);
        }

        return a.Shape is null || b.Shape is null ? c.Result(null, a) : Keep(c, rule(a.Shape, b.Shape, c.OpName), a);
    }

    /// <summary><c>torch.einsum(equation, a, b, ...)</c> or <c>torch.einsum(equation, [a, b, ...])</c>.</summary>
    private static PyValue Einsum(TorchCall c)
    {
        if (c.Arg(0, "equation") is not PyStr equation)
        {
            return c.NotFollowed("its equation is not a string the checker knows");
        }

        var positional = c.Args.Positional;
        IReadOnlyList<PyValue> items = positional.Length == 2 && positional[1] is PyList or PyTuple
            ? positional[1] is PyList list ? list.Items : ((PyTuple)positional[1]).Items
            : positional.Length > 1 ? positional[1..] : [];
        var shapes = new List<ShapeSafe.Shapes.Shape>(items.Count);
        PyTensor? first = null;
        foreach (var item in items)
        {
            if (item is not PyTensor { Shape: { } shape } tensor)
            {
                return c.Result(null, first ?? item as PyTensor);
            }

            first ??= tensor;
            shapes.Add(shape);
        }

        var result = MatrixProducts.Einsum(equation.Value, shapes);
        return result.Output is { } output ? c.Result(output, -1, null, isSpatial: false) : result.Error is not null ? c.From(result) : c.Result(null, first);
    }

    private static PyValue Addmm(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { Shape: { } bias } || c.Tensor(1, "mat1") is not { Shape: { } m1 } t1 || c.Tensor(2, "mat2") is not { Shape: { } m2 })
        {
            return c.Result(null);
        }

        return Keep(c, MatrixProducts.Addmm(bias, m1, m2), t1);
    }

    private static PyValue Baddbmm(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { Shape: { } bias } || c.Tensor(1, "batch1") is not { Shape: { } b1 } t1 || c.Tensor(2, "batch2") is not { Shape: { } b2 })
        {
            return c.Result(null);
        }

        return Keep(c, MatrixProducts.Baddbmm(bias, b1, b2), t1);
    }

    private static PyValue Outer(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { Shape: { } a } || c.Tensor(1, "vec2") is not { Shape: { } b })
        {
            return c.Result(null);
        }

        if (a.Rank != 1 || b.Rank != 1)
        {
            return c.Fail($"outer: Expected 1-D argument self, but got {a.Rank}-D");
        }

        return c.Result(new ShapeSafe.Shapes.Shape(a[0], b[0]));
    }

    private static PyValue Linear(TorchCall c)
    {
        if (c.Tensor(0, "input") is not { } x || c.Tensor(1, "weight") is not { Shape: { } weight })
        {
            return c.Result(null);
        }

        if (x.Shape is null)
        {
            return c.Result(null, x);
        }

        var bias = c.Tensor(2, "bias")?.Shape;
        var result = MatrixProducts.Linear(x.Shape, weight, bias);
        if (result.Output is { } output && x.IsSpatial && x.Shape.Rank > 2)
        {
            c.Interpreter.Report(ShapeSafe.Diagnostics.Diagnostic.Create(ShapeSafe.Diagnostics.DiagnosticCatalog.MissingFlatten, c.Span, c.DisplayName, x.Shape.Rank,
                x.Shape.ToTorchString(), x.Origin?.Name ?? "a convolution"));
        }

        return Keep(c, result, x);
    }
}
