using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Tensors made in forward: zeros/ones/randn/rand/full/arange and the *_like forms (float32 on the input's device by default).</summary>
internal static class FactoryOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function("torch.zeros", c => zeros(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.ones", c => ones(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.randn", c => randn(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.rand", c => rand(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.full", c => full(c.Longs(0, "size", varargs: false), c.AsDouble(c.Get(1, "fill_value"), "fill_value"), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.zeros_like", c => zeros_like(c.Tensor(0, "input"))),
        OpEntry.Function("torch.ones_like", c => ones_like(c.Tensor(0, "input"))),
        OpEntry.Function("torch.randn_like", c => randn_like(c.Tensor(0, "input"))),
        OpEntry.Function("torch.rand_like", c => rand_like(c.Tensor(0, "input"))),
        OpEntry.Function("torch.arange", Arange),
        OpEntry.Function("torch.eye", c => eye(c.Long(0, "n"), c.Get(1, "m") is { } m ? c.AsLong(m, "m") : c.Long(0, "n"), Dtype(c, ScalarType.Float32), Device(c))),
    ];

    private static Tensor Arange(OpCall c)
    {
        var values = c.Args.Where(a => a is long or double).ToList();
        if (values.All(v => v is long))
        {
            var ints = values.Cast<long>().ToArray();
            var (start, end, step) = ints.Length switch
            {
                1 => (0L, ints[0], 1L),
                2 => (ints[0], ints[1], 1L),
                3 => (ints[0], ints[1], ints[2]),
                _ => throw c.Fail("arange takes end, or start, end and step"),
            };
            return arange(start, end, step, Dtype(c, ScalarType.Int64), Device(c));
        }

        var d = values.Select(v => c.AsDouble(v, "end")).ToArray();
        return d.Length switch
        {
            1 => arange(0.0, d[0], 1.0, Dtype(c, ScalarType.Float32), Device(c)),
            2 => arange(d[0], d[1], 1.0, Dtype(c, ScalarType.Float32), Device(c)),
            _ => arange(d[0], d[1], d[2], Dtype(c, ScalarType.Float32), Device(c)),
        };
    }

    private static ScalarType Dtype(OpCall c, ScalarType fallback) =>
        c.Kwargs.TryGetValue("dtype", out var d) && d is ScalarType type ? type
        : c.Kwargs.TryGetValue("dtype", out d) && d is string name
            ? name switch
            {
                "torch.float32" or "torch.float" => ScalarType.Float32,
                "torch.float64" or "torch.double" => ScalarType.Float64,
                "torch.int64" or "torch.long" => ScalarType.Int64,
                "torch.int32" or "torch.int" => ScalarType.Int32,
                "torch.bool" => ScalarType.Bool,
                _ => throw c.Fail("dtype " + name + " is not run"),
            }
            : fallback;

    private static Device? Device(OpCall c) =>
        c.Kwargs.TryGetValue("device", out var d) ? d switch
        {
            Tensor like => like.device,
            Device device => device,
            _ => null,
        } : null;
}
