using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// matmul, mm, bmm and the <c>@</c> operator. Shapes are checked here before libtorch sees them: a mismatched
/// <c>matmul</c> aborts the process on CPU instead of throwing.
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
    ];

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
