using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Reductions: mean, sum, max, min, amax, argmax, std, var, with dim (an int or a tuple) and keepdim.</summary>
internal static class ReductionOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. Both("mean", c => Dims(c) is { } d ? c.Tensor(0, "input").mean(d, KeepDim(c)) : c.Tensor(0, "input").mean()),
        .. Both("sum", c => Dims(c) is { } d ? c.Tensor(0, "input").sum(d, KeepDim(c)) : c.Tensor(0, "input").sum()),
        .. Both("amax", c => c.Tensor(0, "input").amax(Dims(c) ?? [], KeepDim(c))),
        .. Both("amin", c => c.Tensor(0, "input").amin(Dims(c) ?? [], KeepDim(c))),
        .. Both("max", c => MaxMin(c, max: true)),
        .. Both("min", c => MaxMin(c, max: false)),
        .. Both("argmax", c => c.OptionalLong(1, "dim") is { } d ? c.Tensor(0, "input").argmax(d, KeepDim(c)) : c.Tensor(0, "input").argmax()),
        .. Both("std", c => Dims(c) is { } d ? c.Tensor(0, "input").std(d, c.Bool(2, "unbiased", true), KeepDim(c)) : c.Tensor(0, "input").std(c.Bool(1, "unbiased", true))),
        .. Both("var", c => Dims(c) is { } d ? c.Tensor(0, "input").var(d, c.Bool(2, "unbiased", true), KeepDim(c)) : c.Tensor(0, "input").var(c.Bool(1, "unbiased", true))),
    ];

    private static IEnumerable<OpEntry> Both(string name, Op run) => [OpEntry.Function("torch." + name, run), OpEntry.Method(name, run)];

    private static long[]? Dims(OpCall c) => c.Get(1, "dim") is { } d ? c.AsLongs(d, "dim") : null;

    private static bool KeepDim(OpCall c) => c.Bool(2, "keepdim", false);

    private static object MaxMin(OpCall c, bool max)
    {
        var x = c.Tensor(0, "input");
        var second = c.Get(1, "dim");
        if (second is null)
        {
            return max ? x.max() : x.min();
        }

        if (second is Tensor other)
        {
            return max ? maximum(x, other) : minimum(x, other);
        }

        var (values, indexes) = max ? x.max(c.AsLong(second, "dim"), KeepDim(c)) : x.min(c.AsLong(second, "dim"), KeepDim(c));
        return new List<object?> { values, indexes };
    }
}
