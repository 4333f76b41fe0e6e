using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// dtype and device moves and tensor-state methods: <c>x.to(...)</c>, <c>x.double()</c>, <c>x.type(...)</c>,
/// <c>x.type_as(y)</c>, <c>x.cpu()</c>, <c>x.cuda()</c>, <c>x.requires_grad_()</c>, <c>x.detach_()</c>,
/// <c>x.retain_grad()</c>, <c>torch.clone</c>, <c>torch.detach</c>. As in PyTorch, a move to the type and device the
/// tensor already has returns the tensor itself (unless <c>copy=True</c>).
/// </summary>
internal static class CastOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Method("to", To),
        OpEntry.Method("cpu", c => c.Tensor(0, "input") is { device_type: TorchSharp.DeviceType.CPU } x ? x : c.Tensor(0, "input").cpu()),
        OpEntry.Method("cuda", c => c.Tensor(0, "input") is { device_type: TorchSharp.DeviceType.CUDA } x && c.Get(1, "device") is null ? x : c.Tensor(0, "input").cuda()),
        .. Cast("double", ScalarType.Float64),
        .. Cast("half", ScalarType.Float16),
        .. Cast("bfloat16", ScalarType.BFloat16),
        .. Cast("int", ScalarType.Int32),
        .. Cast("long", ScalarType.Int64),
        .. Cast("bool", ScalarType.Bool),
        .. Cast("short", ScalarType.Int16),
        .. Cast("byte", ScalarType.Byte),
        .. Cast("char", ScalarType.Int8),
        OpEntry.Method("type", Type),
        OpEntry.Method("type_as", c => Convert(c.Tensor(0, "input"), c.Tensor(1, "other").dtype, copy: false)),
        OpEntry.Method("requires_grad_", c => c.Tensor(0, "input").requires_grad_(c.Bool(1, "requires_grad", true))),
        OpEntry.Method("detach_", c => c.Tensor(0, "input").detach_()),
        OpEntry.Method("retain_grad", RetainGrad),
        OpEntry.Method("share_memory_", c => c.Tensor(0, "input")),
        OpEntry.Method("to_dense", c => c.Tensor(0, "input") is { is_sparse: false } x ? x : c.Tensor(0, "input").to_dense()),
        OpEntry.Function("torch.clone", c => c.Tensor(0, "input").clone()),
        OpEntry.Function("torch.detach", c => c.Tensor(0, "input").detach()),
    ];

    private static IEnumerable<OpEntry> Cast(string name, ScalarType type) => [OpEntry.Method(name, c => Convert(c.Tensor(0, "input"), type, copy: false))];

    private static Tensor Convert(Tensor x, ScalarType type, bool copy) => x.dtype == type && !copy ? x : x.to_type(type, copy);

    /// <summary>
    /// x.to(dtype), x.to(device[, dtype]), x.to(other), with the keywords dtype, device and copy. The graph writes a
    /// device value read from a tensor (<c>x.to(y.device)</c>) as <c>torch.device</c>: the runtime's own device.
    /// </summary>
    private static Tensor To(OpCall c)
    {
        var x = c.Tensor(0, "input");
        ScalarType? dtype = null;
        string? device = null;
        Device? deviceOf = null;
        var copy = c.Kwargs.TryGetValue("copy", out var k) && k is true;
        var bools = 0;
        for (var i = 1; i < c.Args.Count; i++)
        {
            switch (c.Args[i])
            {
                case Tensor other:
                    dtype = other.dtype;
                    deviceOf = other.device;
                    break;
                case var v when DTypeArgs.IsDType(v):
                    dtype = DTypeArgs.Of(c, v, "dtype");
                    break;
                case string s:
                    device = s;
                    break;
                case bool b:
                    // Positional non_blocking comes first, then copy (PyTorch's to(dtype, non_blocking, copy) and its kin).
                    copy = bools++ == 1 ? b : copy;
                    break;
                case null:
                    break;
                case var v:
                    throw c.Fail($"to() does not take {OpCall.Describe(v)}");
            }
        }

        if (c.Kwargs.TryGetValue("dtype", out var d) && d is not null)
        {
            dtype = DTypeArgs.Of(c, d, "dtype");
        }

        if (c.Kwargs.TryGetValue("device", out var dev) && dev is string s2)
        {
            device = s2;
        }

        var target = deviceOf ?? (device is null or "torch.device" ? x.device : new Device(device));
        var type = dtype ?? x.dtype;
        if (!copy && type == x.dtype && target.type == x.device_type && (target.index < 0 || target.index == x.device_index))
        {
            return x;
        }

        return x.to(type, target, copy);
    }

    /// <summary>x.type() is the legacy type name (<c>'torch.FloatTensor'</c>); x.type(dtype) casts.</summary>
    private static object Type(OpCall c)
    {
        var x = c.Tensor(0, "input");
        return c.Get(1, "dtype") is { } d ? Convert(x, DTypeArgs.Of(c, d, "dtype"), copy: false) : DTypeArgs.LegacyName(x);
    }

    private static object? RetainGrad(OpCall c)
    {
        var x = c.Tensor(0, "input");
        if (!x.requires_grad)
        {
            throw c.Fail("can't retain_grad on Tensor that has requires_grad=False");
        }

        x.retain_grad();
        return null;
    }
}
