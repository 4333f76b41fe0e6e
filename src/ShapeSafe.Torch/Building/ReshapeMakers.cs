using ShapeSafe.Torch.Building.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>Linear, dropout, Flatten / Unflatten / Identity, the padding layers and the upsampling layers.</summary>
internal static class ReshapeMakers
{
    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("Linear", a => nn.Linear(a.Long("in_features"), a.Long("out_features"), a.Bool("bias"))),
        ("Dropout", a => nn.Dropout(Probability(a), a.Bool("inplace"))),
        ("Dropout1d", a => nn.Dropout1d(Probability(a), a.Bool("inplace"))),
        ("Dropout2d", a => nn.Dropout2d(Probability(a), a.Bool("inplace"))),
        ("Dropout3d", a => nn.Dropout3d(Probability(a), a.Bool("inplace"))),
        ("AlphaDropout", a => nn.AlphaDropout(Probability(a), a.Bool("inplace"))),
        ("Flatten", a => nn.Flatten(a.Long("start_dim"), a.Long("end_dim"))),
        ("Unflatten", a => nn.Unflatten(a.Long("dim"), a.Ints("unflattened_size"))),
        ("Identity", _ => nn.Identity()),
        ("ZeroPad1d", a => Pad(a, 1, PaddingModes.Constant, 0)),
        ("ZeroPad2d", a => Pad(a, 2, PaddingModes.Constant, 0)),
        ("ZeroPad3d", a => Pad(a, 3, PaddingModes.Constant, 0)),
        ("ConstantPad1d", a => Pad(a, 1, PaddingModes.Constant, a.Double("value"))),
        ("ConstantPad2d", a => Pad(a, 2, PaddingModes.Constant, a.Double("value"))),
        ("ConstantPad3d", a => Pad(a, 3, PaddingModes.Constant, a.Double("value"))),
        ("ReflectionPad1d", a => Pad(a, 1, PaddingModes.Reflect, 0)),
        ("ReflectionPad2d", a => Pad(a, 2, PaddingModes.Reflect, 0)),
        ("ReflectionPad3d", a => Pad(a, 3, PaddingModes.Reflect, 0)),
        ("ReplicationPad1d", a => Pad(a, 1, PaddingModes.Replicate, 0)),
        ("ReplicationPad2d", a => Pad(a, 2, PaddingModes.Replicate, 0)),
        ("ReplicationPad3d", a => Pad(a, 3, PaddingModes.Replicate, 0)),
        ("Upsample", a => Upsample(a, a.String("mode") ?? "nearest", a.OptionalBool("align_corners"), a.OptionalBool("recompute_scale_factor"))),
        ("UpsamplingNearest2d", a => Upsample(a, "nearest", null, null)),
        ("UpsamplingBilinear2d", a => Upsample(a, "bilinear", true, null)),
    ];

    /// <summary>PyTorch's _DropoutNd refuses a probability outside [0, 1] when constructed.</summary>
    private static double Probability(LayerArgs a)
    {
        var p = a.Double("p");
        return p is >= 0 and <= 1 ? p : throw new LayerBuildException($"dropout probability has to be between 0 and 1, but got {LayerArgs.Show(p)}");
    }

    /// <summary>
    /// A padding layer: an int pads every side of the last <paramref name="n"/> dimensions; a tuple is kept as
    /// written (PyTorch does not check its length until forward). TorchSharp's own modules take the full 2n values.
    /// </summary>
    private static nn.Module<Tensor, Tensor> Pad(LayerArgs a, int n, PaddingModes mode, double value)
    {
        var given = a.Ints("padding");
        var pad = a.IsTuple("padding") ? given : Enumerable.Repeat(given[0], 2 * n).ToArray();
        if (pad.Length != 2 * n)
        {
            return new FunctionalPad(a.Type, pad, mode, value);
        }

        return (mode, n) switch
        {
            (PaddingModes.Constant, 1) => nn.ConstantPad1d((pad[0], pad[1]), value),
            (PaddingModes.Constant, 2) => nn.ConstantPad2d((pad[0], pad[1], pad[2], pad[3]), value),
            (PaddingModes.Constant, _) => nn.ConstantPad3d((pad[0], pad[1], pad[2], pad[3], pad[4], pad[5]), value),
            (PaddingModes.Reflect, 1) => nn.ReflectionPad1d((pad[0], pad[1])),
            (PaddingModes.Reflect, 2) => nn.ReflectionPad2d((pad[0], pad[1], pad[2], pad[3])),
            (PaddingModes.Reflect, _) => nn.ReflectionPad3d((pad[0], pad[1], pad[2], pad[3], pad[4], pad[5])),
            (_, 1) => nn.ReplicationPad1d((pad[0], pad[1])),
            (_, 2) => nn.ReplicationPad2d((pad[0], pad[1], pad[2], pad[3])),
            _ => nn.ReplicationPad3d((pad[0], pad[1], pad[2], pad[3], pad[4], pad[5])),
        };
    }

    private static nn.Module<Tensor, Tensor> Upsample(LayerArgs a, string mode, bool? alignCorners, bool? recompute)
    {
        long[]? size = a.IsNone("size") ? null : a.Ints("size");
        return new Resample(size, a.IsTuple("size"), a.Doubles("scale_factor"), a.IsTuple("scale_factor"), mode, alignCorners, recompute);
    }
}
