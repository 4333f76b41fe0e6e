using ShapeSafe.Ops;
using ShapeSafe.Python.Binding.Values;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>Tensor factories: randn, rand, zeros, ones, empty, full, eye, arange, linspace, tensor([...]), randint, *_like.</summary>
public static class FactoryOps
{
    public static void Register(TorchTable t)
    {
        foreach (var name in new[] { "randn", "rand", "zeros", "ones", "empty" })
        {
            t.Function(Sized, "torch." + name);
            t.Method(c => SizedFrom(c, 1), "new_" + name);
        }

        foreach (var name in new[] { "randn_like", "rand_like", "zeros_like", "ones_like", "empty_like", "full_like", "randint_like" })
        {
            t.Function(Like, "torch." + name);
        }

        t.Function(Full, "torch.full");
        t.Method(c => c.Arg(1, "size") is { } size && TorchCall.DimsOf(size) is { } dims ? c.Result(new Shape(dims), -1, null, isSpatial: false) : c.Result(null), "new_full");
        t.Function(Eye, "torch.eye");
        t.Function(Arange, "torch.arange");
        t.Function(Linspace, "torch.linspace", "torch.logspace");
        t.Function(TensorOf, "torch.tensor", "torch.as_tensor", "torch.FloatTensor", "torch.LongTensor");
        t.Function(RandInt, "torch.randint");
        t.Function(c => c.Long(0, "n") is { } n ? new PyTensor(new Shape(n), c.Result(new Shape(n)).Node) { DType = "long" } : c.Result(null), "torch.randperm");
        t.Function(c => c.Tensor(0, "input") is { } x ? c.Result(x.Shape, x) : c.Result(null), "torch.bernoulli");
        t.Constant("torch.float32", new PyOpaque("torch.float32"));
        t.Constant("torch.float", new PyOpaque("torch.float32"));
        t.Constant("torch.float64", new PyOpaque("torch.float64"));
        t.Constant("torch.double", new PyOpaque("torch.float64"));
        t.Constant("torch.float16", new PyOpaque("torch.float16"));
        t.Constant("torch.half", new PyOpaque("torch.float16"));
        t.Constant("torch.bfloat16", new PyOpaque("torch.bfloat16"));
        t.Constant("torch.int64", new PyOpaque("torch.int64"));
        t.Constant("torch.long", new PyOpaque("torch.int64"));
        t.Constant("torch.int32", new PyOpaque("torch.int32"));
        t.Constant("torch.int", new PyOpaque("torch.int32"));
        t.Constant("torch.bool", new PyOpaque("torch.bool"));
        t.Constant("torch.uint8", new PyOpaque("torch.uint8"));
        t.Function(c => new PyOpaque("torch.device"), "torch.device");
        t.Function(c => PyBool.False, "torch.cuda.is_available", "torch.backends.mps.is_available");
        t.Function(c => PyNone.Instance, "torch.manual_seed", "torch.set_grad_enabled", "torch.cuda.manual_seed", "torch.cuda.manual_seed_all");
        t.Function(c => new PyOpaque("context"), "torch.no_grad", "torch.enable_grad", "torch.inference_mode", "torch.autocast");
    }

    private static PyValue Sized(TorchCall c) => SizedFrom(c, 0);

    private static PyValue SizedFrom(TorchCall c, int from, string name = "size")
    {
        var dims = c.Sizes(from, name);
        if (c.Args.Positional.Length <= from && c.Arg(-1, name) is null)
        {
            dims = [];
        }

        if (dims is null || Array.Exists(dims, d => d.IsKnown && d.Value < 0))
        {
            return dims is null ? c.Result(null) : c.Fail($"Trying to create tensor with negative dimension {Array.Find(dims, d => d.IsKnown && d.Value < 0).Value}: {Ops.OpDims.List(dims)}");
        }

        var tensor = c.Result(new Shape(dims), -1, null, isSpatial: false);
        return DTypeOf(c) is { } dtype ? new PyTensor(tensor.Shape, tensor.Node) { DType = dtype } : tensor;
    }

    private static PyValue Like(TorchCall c) => c.Tensor(0, "input") is { } x ? c.Result(x.Shape, x.BatchAxis, null, isSpatial: false) : c.Result(null);

    private static PyValue Full(TorchCall c) =>
        c.Arg(0, "size") is { } size && TorchCall.DimsOf(size) is { } dims ? c.Result(new Shape(dims), -1, null, isSpatial: false) : c.Result(null);

    private static PyValue Eye(TorchCall c)
    {
        if (c.Dim(0, "n") is not { } n)
        {
            return c.Result(null);
        }

        var m = c.Dim(1, "m") ?? n;
        return c.Result(new Shape(n, m), -1, null, isSpatial: false);
    }

    private static PyValue Arange(TorchCall c)
    {
        double? start = 0;
        double? end;
        double? step = 1;
        if (c.Args.Positional.Length >= 2 || c.Arg(-1, "end") is not null && c.Args.Positional.Length == 1)
        {
            start = c.Double(0, "start");
            end = c.Double(1, "end");
            step = c.Double(2, "step", 1);
        }
        else
        {
            end = c.Double(0, "end");
        }

        if (start is null || end is null || step is null || step == 0)
        {
            if (c.Args.Positional.Length == 1 && c.Dim(0, "end") is { IsSymbolic: true } symbolic)
            {
                return c.Result(new Shape(symbolic), -1, null, isSpatial: false);
            }

            return c.Result(null);
        }

        var count = (long)Math.Ceiling((end.Value - start.Value) / step.Value);
        var integral = c.Args.Positional.All(v => v is PyInt) && c.Args.NamedValues.All(v => v is not PyFloat);
        var range = c.Result(new Shape(Math.Max(0, count)), -1, null, isSpatial: false);
        return new PyTensor(range.Shape, range.Node) { DType = DTypeOf(c) ?? (integral ? "long" : "float") };
    }

    private static PyValue Linspace(TorchCall c) =>
        c.Dim(2, "steps") is { } steps ? c.Result(new Shape(steps), -1, null, isSpatial: false) : c.Result(null);

    private static PyValue TensorOf(TorchCall c)
    {
        var data = c.Arg(0, "data");
        if (c.Name is "torch.FloatTensor" or "torch.LongTensor" && data is PyInt)
        {
            return SizedFrom(c, 0);
        }

        if (data is PyTensor t)
        {
            return c.Result(t.Shape, t);
        }

        if (data is null || ToData(data, out var kind) is not { } nested)
        {
            return c.Result(null);
        }

        var result = Factories.FromData(nested);
        if (result.Output is not { } output)
        {
            return c.From(result);
        }

        var dtype = DTypeOf(c) ?? kind;
        return new PyTensor(output, c.Result(output, -1, null, isSpatial: false).Node) { DType = dtype };
    }

    /// <summary>Nested lists as <see cref="Factories.FromData"/> reads them; null when an item is not a number or a sequence.</summary>
    private static object? ToData(PyValue value, out string? kind)
    {
        kind = null;
        switch (value)
        {
            case PyBool:
                kind = "bool";
                return 0L;
            case PyInt:
                kind = "long";
                return 0L;
            case PyFloat:
                kind = "float";
                return 0.0;
            case PyList or PyTuple:
            {
                var items = value is PyList l ? l.Items : (IReadOnlyList<PyValue>)((PyTuple)value).Items;
                var list = new List<object?>(items.Count);
                foreach (var item in items)
                {
                    if (ToData(item, out var itemKind) is not { } converted)
                    {
                        return null;
                    }

                    kind = kind == "float" || itemKind == "float" ? "float" : itemKind ?? kind;
                    list.Add(converted);
                }

                return list;
            }

            default:
                return null;
        }
    }

    /// <summary>The element type a <c>dtype=</c> keyword names: bool, long (any integer type) or float; null when absent.</summary>
    internal static string? DTypeOf(TorchCall c) => c.Arg(-1, "dtype") is PyOpaque o
        ? o.Name switch
        {
            "torch.bool" => "bool",
            "torch.int64" or "torch.int32" or "torch.uint8" => "long",
            _ => "float",
        }
        : null;

    private static PyValue RandInt(TorchCall c)
    {
        // randint(high, size) or randint(low, high, size).
        var size = c.Arg(-1, "size") ?? (c.Args.Positional.Length >= 3 ? c.Args.Positional[2] : c.Args.Positional.Length == 2 ? c.Args.Positional[1] : null);
        if (size is null || TorchCall.DimsOf(size) is not { } dims)
        {
            return c.Result(null);
        }

        var tensor = c.Result(new Shape(dims), -1, null, isSpatial: false);
        return new PyTensor(tensor.Shape, tensor.Node) { DType = DTypeOf(c) ?? "long" };
    }
}
