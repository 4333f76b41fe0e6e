using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Tensors made in forward: zeros/ones/empty/randn/rand/full/arange/eye/linspace/logspace/randint/randperm (float32, or
/// int64 for integer ones, unless <c>dtype=</c> says), the <c>*_like</c> forms (the input's dtype and device unless told),
/// the <c>x.new_*</c> methods (x's dtype and device), <c>torch.tensor</c>/<c>as_tensor</c>/<c>FloatTensor</c>/<c>LongTensor</c>
/// from Python numbers, and <c>bernoulli</c>.
/// </summary>
internal static class FactoryOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function("torch.zeros", c => zeros(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.ones", c => ones(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.randn", c => randn(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.rand", c => rand(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.full", Full),
        OpEntry.Function("torch.zeros_like", c => zeros_like(c.Tensor(0, "input"), OptionalDtype(c), Device(c))),
        OpEntry.Function("torch.ones_like", c => ones_like(c.Tensor(0, "input"), OptionalDtype(c), Device(c))),
        OpEntry.Function("torch.randn_like", c => randn_like(c.Tensor(0, "input"), OptionalDtype(c), Device(c))),
        OpEntry.Function("torch.rand_like", c => rand_like(c.Tensor(0, "input"), OptionalDtype(c), Device(c))),
        OpEntry.Function("torch.arange", Arange),
        OpEntry.Function("torch.eye", c => eye(c.Long(0, "n"), c.Get(1, "m") is { } m ? c.AsLong(m, "m") : c.Long(0, "n"), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.empty", c => empty(c.Longs(0, "size", varargs: true), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.empty_like", c => empty_like(c.Tensor(0, "input"), OptionalDtype(c), Device(c))),
        OpEntry.Function("torch.full_like", FullLike),
        OpEntry.Function("torch.linspace", c => linspace(c.Double(0, "start", 0), c.Double(1, "end", 0), c.Long(2, "steps"), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.logspace", c => logspace(c.Double(0, "start", 0), c.Double(1, "end", 0), c.Long(2, "steps"), c.Double(3, "base", 10.0), Dtype(c, ScalarType.Float32), Device(c))),
        OpEntry.Function("torch.randint", RandInt),
        OpEntry.Function("torch.randint_like", RandIntLike),
        OpEntry.Function("torch.randperm", c => randperm(c.Long(0, "n"), Dtype(c, ScalarType.Int64), Device(c))),
        OpEntry.Function("torch.bernoulli", Bernoulli),
        OpEntry.Function("torch.tensor", TensorOf),
        OpEntry.Function("torch.as_tensor", AsTensor),
        OpEntry.Function("torch.FloatTensor", c => Typed(c, ScalarType.Float32)),
        OpEntry.Function("torch.LongTensor", c => Typed(c, ScalarType.Int64)),
        OpEntry.Method("new_zeros", c => New(c, (x, size, type, device) => x.new_zeros(size, type, device))),
        OpEntry.Method("new_ones", c => New(c, (_, size, type, device) => ones(size, type, device))),
        OpEntry.Method("new_empty", c => New(c, (x, size, type, device) => x.new_empty(size, type, device))),
        OpEntry.Method("new_full", NewFull),
    ];

    /// <summary>The <c>dtype=</c> keyword as a scalar type; null when not given (or None).</summary>
    internal static ScalarType? OptionalDtype(OpCall c) =>
        c.Kwargs.TryGetValue("dtype", out var d) ? d switch
        {
            null => null,
            ScalarType type => type,
            string name => name switch
            {
                "torch.float32" or "torch.float" => ScalarType.Float32,
                "torch.float64" or "torch.double" => ScalarType.Float64,
                "torch.float16" or "torch.half" => ScalarType.Float16,
                "torch.bfloat16" => ScalarType.BFloat16,
                "torch.int64" or "torch.long" => ScalarType.Int64,
                "torch.int32" or "torch.int" => ScalarType.Int32,
                "torch.int16" or "torch.short" => ScalarType.Int16,
                "torch.int8" => ScalarType.Int8,
                "torch.uint8" => ScalarType.Byte,
                "torch.bool" => ScalarType.Bool,
                _ => throw c.Fail("dtype " + name + " is not run"),
            },
            var other => throw c.Fail("dtype must be a torch dtype, not " + OpCall.Describe(other)),
        } : null;

    private static ScalarType Dtype(OpCall c, ScalarType fallback) => OptionalDtype(c) ?? fallback;

    private static Device? Device(OpCall c) =>
        c.Kwargs.TryGetValue("device", out var d) ? d switch
        {
            Tensor like => like.device,
            Device device => device,
            _ => null,
        } : null;

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

    /// <summary>full(size, fill_value): the fill's type gives the dtype unless told (int64 for an int, bool for a bool, else float32).</summary>
    private static Tensor Full(OpCall c)
    {
        var size = c.Longs(0, "size", varargs: false);
        var value = c.Get(1, "fill_value");
        return value switch
        {
            bool b => full(size, b, Dtype(c, ScalarType.Bool), Device(c)),
            long l => full(size, l, Dtype(c, ScalarType.Int64), Device(c)),
            _ => full(size, c.AsDouble(value, "fill_value"), Dtype(c, ScalarType.Float32), Device(c)),
        };
    }

    /// <summary>full_like(input, fill_value): the input's dtype unless told (a float fill in an integer tensor is truncated, as PyTorch does).</summary>
    private static Tensor FullLike(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var type = OptionalDtype(c) ?? x.dtype;
        var value = c.Get(1, "fill_value");
        return value switch
        {
            bool b => full_like(x, b, type, Device(c)),
            long l => full_like(x, l, type, Device(c)),
            _ => full_like(x, c.AsDouble(value, "fill_value"), type, Device(c)),
        };
    }

    /// <summary>randint(high, size) or randint(low, high, size); int64 unless told.</summary>
    private static Tensor RandInt(OpCall c)
    {
        var positional = c.Args.Count;
        long low;
        long high;
        long[] size;
        if (positional >= 3)
        {
            (low, high, size) = (c.Long(0, "low"), c.Long(1, "high"), c.Longs(2, "size", varargs: false));
        }
        else if (positional == 2)
        {
            (low, high, size) = (c.Long(-1, "low", 0), c.Long(0, "high"), c.Longs(1, "size", varargs: false));
        }
        else
        {
            (low, high, size) = (c.Long(-1, "low", 0), c.Long(positional == 1 ? 0 : -1, "high"), c.Longs(-1, "size", varargs: false));
        }

        return low < high ? randint(low, high, size, Dtype(c, ScalarType.Int64), Device(c))
            : throw c.Fail($"randint: low ({low}) must be below high ({high})");
    }

    /// <summary>randint_like(input, high) or randint_like(input, low, high); the input's dtype unless told.</summary>
    private static Tensor RandIntLike(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var (low, high) = c.Args.Count >= 3 ? (c.Long(1, "low"), c.Long(2, "high")) : (c.Long(-1, "low", 0), c.Long(1, "high"));
        return low < high ? randint_like(x, low, high, OptionalDtype(c) ?? x.dtype, Device(c))
            : throw c.Fail($"randint_like: low ({low}) must be below high ({high})");
    }

    /// <summary>bernoulli(input) draws 1 with each element's probability; bernoulli(input, p) with probability p.</summary>
    private static Tensor Bernoulli(OpCall c)
    {
        var x = c.Tensor(0, "input");
        if (c.Get(1, "p") is { } p)
        {
            var probability = c.AsDouble(p, "p");
            if (probability is < 0 or > 1)
            {
                throw c.Fail($"bernoulli: p ({probability}) must be in [0, 1]");
            }

            using var probabilities = full_like(x, probability);
            return probabilities.bernoulli();
        }

        return x.bernoulli();
    }

    /// <summary>torch.tensor(data, dtype=None, device=None): a copy of a tensor, or a tensor from Python data.</summary>
    private static Tensor TensorOf(OpCall c)
    {
        var data = c.Get(0, "data");
        var type = OptionalDtype(c);
        var made = data is Tensor t ? (type is { } to ? t.to_type(to, copy: true) : t.clone()).detach() : FromData(c, data, type);
        if (Device(c) is not { } device || device.type == made.device.type)
        {
            return made;
        }

        var moved = made.to(device);
        made.Dispose();
        return moved;
    }

    /// <summary>as_tensor(data, dtype=None): a tensor comes back as it is (or converted to dtype); Python data as torch.tensor.</summary>
    private static Tensor AsTensor(OpCall c)
    {
        var data = c.Get(0, "data");
        var type = OptionalDtype(c);
        return data is Tensor t ? type is { } to && to != t.dtype ? t.to_type(to) : t : FromData(c, data, type);
    }

    /// <summary>torch.FloatTensor / LongTensor: from a list of numbers, or uninitialized of the given sizes.</summary>
    private static Tensor Typed(OpCall c, ScalarType type) =>
        c.Args.Count > 0 && c.Args.All(a => a is long) ? empty([.. c.Args.Cast<long>()], type) : FromData(c, c.Get(0, "data"), type);

    /// <summary>
    /// A tensor from Python data: numbers, bools and nested lists of them (or one-element tensors). Without dtype: bool when
    /// all are bools, int64 when all are integers (or bools), float32 otherwise.
    /// </summary>
    private static Tensor FromData(OpCall c, object? data, ScalarType? type)
    {
        var shape = new List<long>();
        var flat = new List<object>();
        Collect(c, data, 0, shape, flat);
        var inferred = flat.Count == 0 ? ScalarType.Float32
            : flat.All(v => v is bool) ? ScalarType.Bool
            : flat.All(v => v is long or bool) ? ScalarType.Int64
            : ScalarType.Float32;
        var target = type ?? inferred;
        long[] dims = [.. shape];
        Tensor made = inferred switch
        {
            ScalarType.Bool => tensor(flat.Cast<bool>().ToArray(), dims),
            ScalarType.Int64 => tensor(flat.Select(v => v is bool b ? (b ? 1L : 0L) : (long)v).ToArray(), dims),
            _ => tensor(flat.Select(v => v switch { bool b => b ? 1.0 : 0.0, long l => l, _ => (double)v }).ToArray(), dims),
        };
        if (made.dtype == target)
        {
            return made;
        }

        var converted = made.to_type(target);
        made.Dispose();
        return converted;
    }

    private static void Collect(OpCall c, object? value, int depth, List<long> shape, List<object> flat)
    {
        switch (value)
        {
            case IReadOnlyList<object?> list:
                if (depth == shape.Count)
                {
                    if (flat.Count > 0)
                    {
                        throw c.Fail("expected a sequence at depth " + depth + " of the data");
                    }

                    shape.Add(list.Count);
                }
                else if (depth > shape.Count || shape[depth] != list.Count)
                {
                    throw c.Fail($"expected sequence of length {(depth < shape.Count ? shape[depth] : 0)} at dim {depth} (got {list.Count})");
                }

                foreach (var item in list)
                {
                    Collect(c, item, depth + 1, shape, flat);
                }

                break;
            case long[] sizes:
                Collect(c, sizes.Cast<object?>().ToList(), depth, shape, flat);
                break;
            case bool or long or double:
                if (depth != shape.Count)
                {
                    throw c.Fail("the data's lists are not all of the same depth");
                }

                flat.Add(value);
                break;
            case Tensor { NumberOfElements: 1 } t when depth == shape.Count:
                flat.Add(t.dtype == ScalarType.Bool ? t.item<bool>() : t.is_floating_point() ? t.to_type(ScalarType.Float64).item<double>() : t.to_type(ScalarType.Int64).item<long>());
                break;
            default:
                throw c.Fail("cannot make a tensor from " + OpCall.Describe(value));
        }
    }

    /// <summary>x.new_zeros/new_ones/new_empty(*size, dtype=None, device=None): x's dtype and device unless told.</summary>
    private static Tensor New(OpCall c, Func<Tensor, long[], ScalarType, Device, Tensor> make)
    {
        var x = c.Tensor(0, "input");
        return make(x, c.Longs(1, "size", varargs: true), OptionalDtype(c) ?? x.dtype, Device(c) ?? x.device);
    }

    /// <summary>x.new_full(size, fill_value, dtype=None, device=None): x's dtype and device unless told.</summary>
    private static Tensor NewFull(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var type = OptionalDtype(c) ?? x.dtype;
        var device = Device(c) ?? x.device;
        var size = c.Longs(1, "size", varargs: false);
        var value = c.Get(2, "fill_value");
        return value switch
        {
            bool b => full(size, b, type, device),
            long l => full(size, l, type, device),
            _ => full(size, c.AsDouble(value, "fill_value"), type, device),
        };
    }
}
