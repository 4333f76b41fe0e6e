using ShapeSafe.Dataflow;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Indexing (<c>x[:, 0]</c>, <c>x[..., 1:-1]</c>, <c>parts[0]</c>, <c>x.size()[1]</c>) on tensors, sequences and sizes.</summary>
internal static class IndexOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Operator("getitem", GetItem),
        OpEntry.Operator("[]", GetItem),
        OpEntry.Method("__getitem__", GetItem),
        OpEntry.Function("getitem", GetItem),
        OpEntry.Function("operator.getitem", GetItem),
    ];

    private static object? GetItem(OpCall c)
    {
        var target = c.Get(0, "input");
        var index = c.Get(1, "index");
        switch (target)
        {
            case Tensor t:
                return t.index(Indexes(c, index));
            case long[] sizes:
                return index is RuntimeSlice s ? Slice(c, sizes.Cast<object?>().ToList(), s).Cast<long>().ToArray() : sizes[Position(c, index, sizes.Length)];
            case IReadOnlyList<object?> items:
                return index is RuntimeSlice slice ? Slice(c, items, slice) : items[Position(c, index, items.Count)];
            default:
                throw c.Fail("cannot index " + OpCall.Describe(target));
        }
    }

    private static int Position(OpCall c, object? index, int count)
    {
        var i = c.AsLong(index, "index");
        var at = i < 0 ? i + count : i;
        return at >= 0 && at < count ? (int)at : throw c.Fail($"index {i} is out of range for {count} items");
    }

    private static List<object?> Slice(OpCall c, IReadOnlyList<object?> items, RuntimeSlice s)
    {
        var step = s.Step ?? 1;
        if (step <= 0)
        {
            throw c.Fail("only positive slice steps are run");
        }

        var n = items.Count;
        var start = Clamp(s.Start ?? 0, n);
        var stop = Clamp(s.Stop ?? n, n);
        var result = new List<object?>();
        for (var i = start; i < stop; i += step)
        {
            result.Add(items[(int)i]);
        }

        return result;

        static long Clamp(long v, long n) => Math.Clamp(v < 0 ? v + n : v, 0, n);
    }

    private static TensorIndex[] Indexes(OpCall c, object? index) =>
        index is IReadOnlyList<object?> tuple ? [.. tuple.Select(i => One(c, i))] : [One(c, index)];

    private static TensorIndex One(OpCall c, object? index) =>
        index switch
        {
            null => TensorIndex.None,
            RuntimeSlice s => TensorIndex.Slice(s.Start, s.Stop, s.Step),
            Tensor t => TensorIndex.Tensor(t),
            bool b => TensorIndex.Bool(b),
            long l => TensorIndex.Single(l),
            _ when ReferenceEquals(index, ConstArg.Ellipsis) => TensorIndex.Ellipsis,
            _ => throw c.Fail("cannot index a tensor with " + OpCall.Describe(index)),
        };
}
