using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Reading sizes: <c>x.size()</c> (all sizes), <c>x.size(0)</c>, <c>x.shape</c>, <c>x.dim()</c>, <c>x.numel()</c>, <c>x.nelement()</c>, <c>len(x)</c>.</summary>
internal static class SizeOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Method("size", Size),
        OpEntry.Method("shape", c => c.Tensor(0, "input").shape),
        OpEntry.Method("dim", c => c.Tensor(0, "input").dim()),
        OpEntry.Method("ndimension", c => c.Tensor(0, "input").dim()),
        OpEntry.Method("numel", c => c.Tensor(0, "input").numel()),
        OpEntry.Method("nelement", c => c.Tensor(0, "input").numel()),
        OpEntry.Function("torch.Tensor.dim", c => c.Tensor(0, "input").dim()),
        OpEntry.Function("torch.numel", c => c.Tensor(0, "input").numel()),
        OpEntry.Function("len", Length),
        OpEntry.Function("getattr", Attribute),
    ];

    /// <summary><c>x.shape</c>, <c>x.ndim</c>, <c>x.T</c>, <c>x.mT</c>, <c>x.device</c>, <c>x.dtype</c> (recorded as <c>getattr(x, name)</c>).</summary>
    private static object Attribute(OpCall c)
    {
        var x = c.Tensor(0, "obj");
        return c.String(1, "name", null) switch
        {
            "shape" => x.shape,
            "ndim" => x.dim(),
            "T" => x.permute([.. Enumerable.Range(0, (int)x.dim()).Reverse().Select(i => (long)i)]),
            "mT" => x.dim() >= 2 ? x.transpose(-2, -1) : throw c.Fail("x.mT needs at least 2 dimensions, got " + OpCall.Describe(x)),
            "device" => x.device,
            "dtype" => x.dtype,
            var name => throw c.Fail("the tensor attribute '" + name + "' is not run"),
        };
    }

    private static object Size(OpCall c)
    {
        var shape = c.Tensor(0, "input").shape;
        if (c.OptionalLong(1, "dim") is not { } dim)
        {
            return shape;
        }

        var at = dim < 0 ? dim + shape.Length : dim;
        return at >= 0 && at < shape.Length ? shape[at] : throw c.Fail($"dimension {dim} is out of range for {shape.Length} dimensions");
    }

    private static object Length(OpCall c) =>
        c.Get(0, "obj") switch
        {
            Tensor t => t.shape.Length == 0 ? throw c.Fail("len() of a 0-d tensor") : t.shape[0],
            long[] a => (long)a.Length,
            IReadOnlyList<object?> l => (long)l.Count,
            var v => throw c.Fail("len() of " + OpCall.Describe(v)),
        };
}
