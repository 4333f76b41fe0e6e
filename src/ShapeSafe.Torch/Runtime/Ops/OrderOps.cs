using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Ops that keep the input's shape but move or accumulate along a dim: gather, flip, fliplr, flipud, roll, and the
/// cumulative ones (cumsum, cumprod with dtype; cummax and cummin give (values, indices); logcumsumexp).
/// </summary>
internal static class OrderOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Both("gather", c => c.Tensor(0, "input").gather(c.Long(1, "dim"), c.Tensor(2, "index"))),
        OpEntry.Function("torch.flip", c => c.Tensor(0, "input").flip(c.Longs(1, "dims", varargs: false))),
        OpEntry.Method("flip", c => c.Tensor(0, "input").flip(c.Longs(1, "dims", varargs: true))),
        .. Both("fliplr", c => c.Tensor(0, "input").fliplr()),
        .. Both("flipud", c => c.Tensor(0, "input").flipud()),
        .. Both("roll", Roll),
        .. Both("cumsum", c => c.Tensor(0, "input").cumsum(c.Long(1, "dim"), DTypeArgs.Optional(c, 2, "dtype"))),
        .. Both("cumprod", c => c.Tensor(0, "input").cumprod(c.Long(1, "dim"), DTypeArgs.Optional(c, 2, "dtype"))),
        .. Both("logcumsumexp", c => c.Tensor(0, "input").logcumsumexp(c.Long(1, "dim"))),
        OpEntry.Function("torch.cummax", c => Pair(c.Tensor(0, "input").cummax(c.Long(1, "dim")))),
        OpEntry.Function("torch.cummin", c => Pair(c.Tensor(0, "input").cummin(c.Long(1, "dim")))),
    ];

    private static IEnumerable<OpEntry> Both(string name, Op run) => [OpEntry.Function("torch." + name, run), OpEntry.Method(name, run)];

    private static List<object?> Pair((Tensor Values, Tensor Indices) result) => [result.Values, result.Indices];

    /// <summary>roll(shifts, dims=None): without dims the flattened tensor is rolled and given its shape back.</summary>
    private static Tensor Roll(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var shifts = c.AsLongs(c.Get(1, "shifts"), "shifts");
        if (c.Get(2, "dims") is not { } dims)
        {
            using var flat = x.flatten();
            using var rolled = flat.roll(shifts, new long[] { 0 });
            return rolled.view(x.shape);
        }

        return x.roll(shifts, c.AsLongs(dims, "dims"));
    }
}
