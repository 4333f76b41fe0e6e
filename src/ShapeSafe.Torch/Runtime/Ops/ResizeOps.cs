using TorchSharp;
using ShapeSafe.Torch.Building.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>F.interpolate (PyTorch's checks and size rules, as nn.Upsample runs them) and F.pad.</summary>
internal static class ResizeOps
{
    public static IEnumerable<OpEntry> All =>
    [
        OpEntry.Function("torch.nn.functional.interpolate", Interpolate),
        OpEntry.Function("torch.nn.functional.upsample", Interpolate),
        OpEntry.Function("torch.nn.functional.pad", Pad),
    ];

    private static Tensor Interpolate(OpCall c)
    {
        var size = c.Get(1, "size");
        var scale = c.Get(2, "scale_factor");
        var mode = c.String(3, "mode", "nearest")!;
        bool? align = c.Get(4, "align_corners") is { } a ? c.Bool(4, "align_corners", false) : null;
        bool? recompute = c.Get(5, "recompute_scale_factor") is { } r ? c.Bool(5, "recompute_scale_factor", false) : null;
        long[]? sizes = size is null ? null : c.AsLongs(size, "size");
        double[]? scales = scale switch
        {
            null => null,
            IReadOnlyList<object?> list => [.. list.Select(v => c.AsDouble(v, "scale_factor"))],
            var v => [c.AsDouble(v, "scale_factor")],
        };
        using var resample = new Resample(sizes, size is IReadOnlyList<object?> or long[], scales, scale is IReadOnlyList<object?>, mode, align, recompute);
        return resample.forward(c.Tensor(0, "input"));
    }

    private static Tensor Pad(OpCall c)
    {
        var mode = c.String(2, "mode", "constant") switch
        {
            "constant" => PaddingModes.Constant,
            "reflect" => PaddingModes.Reflect,
            "replicate" => PaddingModes.Replicate,
            "circular" => PaddingModes.Circular,
            var m => throw c.Fail("pad mode '" + m + "' is not run"),
        };
        return F.pad(c.Tensor(0, "input"), c.Longs(1, "pad", varargs: false), mode, c.Double(3, "value", 0.0));
    }
}
