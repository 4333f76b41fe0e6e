using ShapeSafe.Torch.Building.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>BatchNorm, InstanceNorm, GroupNorm and LayerNorm.</summary>
internal static class NormalizationMakers
{
    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("BatchNorm1d", a => Running(a, instance: false, 1)),
        ("BatchNorm2d", a => Running(a, instance: false, 2)),
        ("BatchNorm3d", a => Running(a, instance: false, 3)),
        ("InstanceNorm1d", a => Running(a, instance: true, 1)),
        ("InstanceNorm2d", a => Running(a, instance: true, 2)),
        ("InstanceNorm3d", a => Running(a, instance: true, 3)),
        ("GroupNorm", GroupNorm),
        ("LayerNorm", a => nn.LayerNorm(a.Ints("normalized_shape"), a.Double("eps"), a.Bool("elementwise_affine"), a.Bool("bias"))),
    ];

    /// <summary>BatchNorm and InstanceNorm as PyTorch runs them (see <see cref="RunningNorm"/>).</summary>
    private static nn.Module<Tensor, Tensor> Running(LayerArgs a, bool instance, int n) =>
        new RunningNorm(a.Type, instance, n, a.Long("num_features"), a.Double("eps"), a.OptionalDouble("momentum"), a.Bool("affine"), a.Bool("track_running_stats"));

    private static nn.Module<Tensor, Tensor> GroupNorm(LayerArgs a)
    {
        var groups = a.Long("num_groups");
        var channels = a.Long("num_channels");
        if (groups == 0 || channels % groups != 0)
        {
            throw new LayerBuildException("num_channels must be divisible by num_groups");
        }

        return new GroupNormModule(groups, channels, a.Double("eps"), a.Bool("affine"));
    }
}
