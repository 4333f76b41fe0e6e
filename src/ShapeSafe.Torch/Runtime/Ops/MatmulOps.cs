using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// matmul, mm, bmm, the <c>@</c> operator, addmm, baddbmm, dot, mv, outer/ger, inner and einsum. Shapes are checked here
/// before libtorch sees them: a mismatched <c>matmul</c> aborts the process on CPU instead of throwing.
/// </summary>
internal static class MatmulOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function("torch.matmul", Matmul),
        OpEntry.Method("matmul", Matmul),
        OpEntry.Operator("matmul", Matmul),
        OpEntry.Operator("imatmul", Matmul),
        OpEntry.Function("torch.mm", Mm),
        OpEntry.Method("mm", Mm),
        OpEntry.Function("torch.bmm", Bmm),
        OpEntry.Method("bmm", Bmm),
        OpEntry.Method("__matmul__", Matmul),
        OpEntry.Function("torch.addmm", AddMm),
        OpEntry.Method("addmm", AddMm),
        OpEntry.Function("torch.baddbmm", BaddBmm),
        OpEntry.Method("baddbmm", BaddBmm),
        OpEntry.Function("torch.dot", Dot),
        OpEntry.Method("dot", Dot),
        OpEntry.Function("torch.mv", Mv),
        OpEntry.Method("mv", Mv),
        OpEntry.Function("torch.outer", Outer),
        OpEntry.Method("outer", Outer),
        OpEntry.Function("torch.ger", Outer),
        OpEntry.Method("ger", Outer),
        OpEntry.Function("torch.inner", Inner),
        OpEntry.Method("inner", Inner),
        OpEntry.Function("torch.einsum", Einsum),
    ];

    /// <summary>addmm(input, mat1, mat2, *, beta=1, alpha=1): beta * input + alpha * (mat1 @ mat2), input broadcast to the product's shape.</summary>
    private static Tensor AddMm(OpCall c)
    {
        var input = c.Tensor(0, "input");
        var a = c.Tensor(1, "mat1");
        var b = c.Tensor(2, "mat2");
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[0])
        {
            throw c.Fail($"addmm needs two matrices whose inner sizes agree, got {OpCall.Describe(a)} and {OpCall.Describe(b)}");
        }

        Broadcasts(c, input, [a.shape[0], b.shape[1]]);
        return input.addmm(a, b, (float)c.Double(-1, "beta", 1.0), (float)c.Double(-1, "alpha", 1.0));
    }

    /// <summary>baddbmm(input, batch1, batch2, *, beta=1, alpha=1): beta * input + alpha * (batch1 @ batch2) per batch.</summary>
    private static Tensor BaddBmm(OpCall c)
    {
        var input = c.Tensor(0, "input");
        var a = c.Tensor(1, "batch1");
        var b = c.Tensor(2, "batch2");
        if (a.dim() != 3 || b.dim() != 3 || a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1])
        {
            throw c.Fail($"baddbmm needs two 3-D tensors with the same batch size whose inner sizes agree, got {OpCall.Describe(a)} and {OpCall.Describe(b)}");
        }

        Broadcasts(c, input, [a.shape[0], a.shape[1], b.shape[2]]);

        // TorchSharp's baddbmm passes its arguments to libtorch in another order, so the sum is written out (beta=0 ignores input, as PyTorch does).
        var beta = c.Double(-1, "beta", 1.0);
        var alpha = c.Double(-1, "alpha", 1.0);
        var product = a.bmm(b);
        if (alpha != 1.0)
        {
            product.mul_(alpha);
        }

        if (beta == 0.0)
        {
            return product;
        }

        using var scaled = beta == 1.0 ? input.alias() : input.mul(beta);
        return product.add_(scaled);
    }

    private static Tensor Dot(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "other");
        if (a.dim() != 1 || b.dim() != 1 || a.shape[0] != b.shape[0])
        {
            throw c.Fail($"dot needs two 1-D tensors of the same size, got {OpCall.Describe(a)} and {OpCall.Describe(b)}");
        }

        return a.dot(b);
    }

    private static Tensor Mv(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var v = c.Tensor(1, "vec");
        if (a.dim() != 2 || v.dim() != 1 || a.shape[1] != v.shape[0])
        {
            throw c.Fail($"mv needs a matrix and a vector of its column count, got {OpCall.Describe(a)} and {OpCall.Describe(v)}");
        }

        return a.mv(v);
    }

    /// <summary>outer / ger: the outer product of two 1-D tensors.</summary>
    private static Tensor Outer(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "vec2");
        if (a.dim() != 1 || b.dim() != 1)
        {
            throw c.Fail($"{c.Node.Target.Replace("torch.", string.Empty, StringComparison.Ordinal)} needs two 1-D tensors, got {OpCall.Describe(a)} and {OpCall.Describe(b)}");
        }

        return a.outer(b);
    }

    /// <summary>inner: the product summed over both inputs' last dimension (a 0-D input multiplies).</summary>
    private static Tensor Inner(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "other");
        if (a.dim() > 0 && b.dim() > 0 && a.shape[^1] != b.shape[^1])
        {
            throw c.Fail($"inner of {OpCall.Describe(a)} and {OpCall.Describe(b)}: the last sizes {a.shape[^1]} and {b.shape[^1]} differ");
        }

        return a.inner(b);
    }

    /// <summary>einsum(equation, *operands) or einsum(equation, [operands]); each subscript's sizes are checked to agree (or be 1) first.</summary>
    private static Tensor Einsum(OpCall c)
    {
        var equation = c.String(0, "equation", null) ?? throw c.Fail("einsum needs an equation string");
        var operands = c.Args.Count == 2 && c.Args[1] is IReadOnlyList<object?> ? c.Tensors(1, "operands") : [.. c.Args.Skip(1).Select(a => c.AsTensor(a, "operands"))];
        var inputs = (equation.Contains("->", StringComparison.Ordinal) ? equation[..equation.IndexOf("->", StringComparison.Ordinal)] : equation).Split(',');
        if (inputs.Length != operands.Count)
        {
            throw c.Fail($"einsum: the equation '{equation}' has {inputs.Length} operand subscripts, but {operands.Count} operands were given");
        }

        var sizes = new Dictionary<char, long>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var subscripts = inputs[i].Replace(" ", string.Empty, StringComparison.Ordinal);
            var ellipsis = subscripts.IndexOf("...", StringComparison.Ordinal);
            var shape = operands[i].shape;
            var labels = subscripts.Replace("...", string.Empty, StringComparison.Ordinal);
            if (ellipsis < 0 ? labels.Length != shape.Length : labels.Length > shape.Length)
            {
                throw c.Fail($"einsum: subscripts '{subscripts}' do not fit operand {i} of shape [{string.Join(", ", shape)}]");
            }

            for (var j = 0; j < labels.Length; j++)
            {
                var size = ellipsis < 0 || j < ellipsis ? shape[j] : shape[shape.Length - (labels.Length - j)];
                if (!char.IsAsciiLetter(labels[j]))
                {
                    throw c.Fail($"einsum: '{labels[j]}' in '{equation}' is not a subscript letter");
                }

                if (sizes.TryGetValue(labels[j], out var seen) && seen != size && seen != 1 && size != 1)
                {
                    throw c.Fail($"einsum: subscript {labels[j]} has size {size} for operand {i}, which does not broadcast with the size {seen} seen before");
                }

                sizes[labels[j]] = seen == 0 || seen == 1 ? size : seen;
            }
        }

        return einsum(equation, [.. operands]);
    }

    /// <summary>Fails unless <paramref name="input"/> broadcasts to <paramref name="shape"/>.</summary>
    private static void Broadcasts(OpCall c, Tensor input, long[] shape)
    {
        var from = input.shape;
        var fits = from.Length <= shape.Length;
        for (var i = 1; fits && i <= from.Length; i++)
        {
            fits = from[^i] == 1 || from[^i] == shape[^i];
        }

        if (!fits)
        {
            throw c.Fail($"{OpCall.Describe(input)} does not broadcast to the product's shape [{string.Join(", ", shape)}]");
        }
    }

    public static Tensor Matmul(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "other");
        Check(c, a, b);
        return a.matmul(b);
    }

    private static Tensor Mm(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "mat2");
        if (a.dim() != 2 || b.dim() != 2)
        {
            throw c.Fail("mm needs two matrices, got " + OpCall.Describe(a) + " and " + OpCall.Describe(b));
        }

        Check(c, a, b);
        return a.mm(b);
    }

    private static Tensor Bmm(OpCall c)
    {
        var a = c.Tensor(0, "input");
        var b = c.Tensor(1, "mat2");
        if (a.dim() != 3 || b.dim() != 3 || a.shape[0] != b.shape[0])
        {
            throw c.Fail("bmm needs two 3-D tensors with the same batch size, got " + OpCall.Describe(a) + " and " + OpCall.Describe(b));
        }

        Check(c, a, b);
        return a.bmm(b);
    }

    /// <summary>PyTorch's matmul rules on shapes: inner sizes equal, batch dimensions broadcastable.</summary>
    private static void Check(OpCall c, Tensor a, Tensor b)
    {
        var sa = a.shape;
        var sb = b.shape;
        if (sa.Length == 0 || sb.Length == 0)
        {
            throw c.Fail("both arguments to matmul need at least 1 dimension, got " + OpCall.Describe(a) + " and " + OpCall.Describe(b));
        }

        var inner = sa[^1];
        var other = sb.Length == 1 ? sb[0] : sb[^2];
        if (inner != other)
        {
            throw c.Fail($"matmul of {OpCall.Describe(a)} and {OpCall.Describe(b)}: inner sizes {inner} and {other} differ");
        }

        var batchA = sa.Length > 2 ? sa[..^2] : [];
        var batchB = sb.Length > 2 ? sb[..^2] : [];
        for (var i = 1; i <= Math.Min(batchA.Length, batchB.Length); i++)
        {
            var x = batchA[^i];
            var y = batchB[^i];
            if (x != y && x != 1 && y != 1)
            {
                throw c.Fail($"matmul of {OpCall.Describe(a)} and {OpCall.Describe(b)}: batch dimensions do not broadcast");
            }
        }
    }
}
