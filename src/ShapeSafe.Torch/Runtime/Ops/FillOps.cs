using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// In-place writes that return their input: <c>zero_</c>, <c>fill_</c>, the random fills (<c>uniform_</c>,
/// <c>normal_</c>, <c>random_</c>, <c>exponential_</c>, <c>cauchy_</c>, <c>log_normal_</c>, <c>geometric_</c>,
/// <c>bernoulli_</c>) with PyTorch's defaults, <c>index_fill_</c>, <c>scatter_</c>, <c>copy_</c>, <c>set_</c>,
/// <c>resize_as_</c>, <c>cumsum_</c>.
/// </summary>
internal static class FillOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Method("zero_", c => c.Tensor(0, "input").zero_()),
        OpEntry.Method("fill_", c => c.Tensor(0, "input").fill_(DTypeArgs.Scalar(c, c.Get(1, "value"), "value"))),
        OpEntry.Method("uniform_", c => c.Tensor(0, "input").uniform_(c.Double(1, "from", 0.0), c.Double(2, "to", 1.0))),
        OpEntry.Method("normal_", c => c.Tensor(0, "input").normal_(c.Double(1, "mean", 0.0), c.Double(2, "std", 1.0))),
        OpEntry.Method("random_", Random),
        OpEntry.Method("exponential_", c => c.Tensor(0, "input").exponential_(c.Double(1, "lambd", 1.0))),
        OpEntry.Method("cauchy_", c => c.Tensor(0, "input").cauchy_(c.Double(1, "median", 0.0), c.Double(2, "sigma", 1.0))),
        OpEntry.Method("log_normal_", c => c.Tensor(0, "input").log_normal_(c.Double(1, "mean", 1.0), c.Double(2, "std", 2.0))),
        OpEntry.Method("geometric_", c => c.Tensor(0, "input").geometric_(c.AsDouble(c.Get(1, "p"), "p"))),
        OpEntry.Method("bernoulli_", c => c.Get(1, "p") is Tensor p ? c.Tensor(0, "input").bernoulli_(p) : c.Tensor(0, "input").bernoulli_(c.Double(1, "p", 0.5))),
        OpEntry.Method("index_fill_", c => c.Tensor(0, "input").index_fill_(c.Long(1, "dim"), c.Tensor(2, "index"), DTypeArgs.Scalar(c, c.Get(3, "value"), "value"))),
        OpEntry.Method("scatter_", Scatter),
        OpEntry.Method("copy_", c => c.Tensor(0, "input").copy_(c.Tensor(1, "src"), c.Bool(2, "non_blocking", false))),
        OpEntry.Method("set_", c => c.Tensor(0, "input").set_(c.Tensor(1, "source"))),
        OpEntry.Method("resize_as_", ResizeAs),
        OpEntry.Method("cumsum_", c => InPlace.Write(c, c.Tensor(0, "input"), c.Tensor(0, "input").cumsum(c.Long(1, "dim"), DTypeArgs.Optional(c, 2, "dtype")))),
    ];

    /// <summary>random_(), random_(to), random_(from, to): integers drawn uniformly from [from, to); to defaults to 2^mantissa for floats, the type's max + 1 for integers.</summary>
    private static Tensor Random(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var first = c.Get(1, "from");
        var second = c.Get(2, "to");
        if (first is not null && second is null && c.Args.Count == 2)
        {
            return x.random_(0, c.AsDouble(first, "to"));
        }

        var from = first is null ? 0.0 : c.AsDouble(first, "from");
        var to = second is not null ? c.AsDouble(second, "to") : x.dtype switch
        {
            ScalarType.Float64 => 9007199254740992.0,
            ScalarType.Float32 => 16777216.0,
            ScalarType.Float16 => 2048.0,
            ScalarType.BFloat16 => 256.0,
            ScalarType.Int64 => 9223372036854775807.0,
            ScalarType.Int32 => 2147483648.0,
            ScalarType.Int16 => 32768.0,
            ScalarType.Int8 => 128.0,
            ScalarType.Byte => 256.0,
            ScalarType.Bool => 2.0,
            _ => throw c.Fail($"random_ is not run on {x.dtype} tensors"),
        };
        return x.random_(from, to);
    }

    /// <summary>scatter_(dim, index, src or value, reduce=None or 'add'); reduce='multiply' is refused with a message (TorchSharp has no scatter_reduce).</summary>
    private static Tensor Scatter(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var dim = c.Long(1, "dim");
        var index = c.Tensor(2, "index");
        var given = c.Get(3, "src") ?? c.Get(3, "value");
        var src = given as Tensor ?? full(index.shape, DTypeArgs.Scalar(c, given, "value"), x.dtype, x.device);
        try
        {
            return c.String(4, "reduce", null) switch
            {
                null => x.scatter_(dim, index, src),
                "add" => x.scatter_add_(dim, index, src),
                "multiply" => throw c.Fail("scatter_ with reduce='multiply' is not run: TorchSharp has no scatter_reduce"),
                var other => throw c.Fail($"reduce argument must be either add or multiply, not '{other}'"),
            };
        }
        finally
        {
            DTypeArgs.DisposeMade(src, given);
        }
    }

    /// <summary>
    /// resize_as_(other): the input takes other's shape in place; its first elements keep their values (in the input's
    /// element order), new ones are uninitialized as in PyTorch.
    /// </summary>
    private static Tensor ResizeAs(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var shape = c.Tensor(1, "other").shape;
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (x.is_contiguous() && count <= x.numel())
        {
            using var flat = x.view(-1);
            using var kept = flat.narrow(0, 0, count);
            using var view = kept.view(shape);
            return x.set_(view);
        }

        using var storage = empty(shape, x.dtype, x.device);
        var n = Math.Min(count, x.numel());
        using (var into = storage.view(-1).narrow(0, 0, n))
        using (var from = x.reshape(-1).narrow(0, 0, n))
        {
            into.copy_(from);
        }

        return x.set_(storage);
    }
}
