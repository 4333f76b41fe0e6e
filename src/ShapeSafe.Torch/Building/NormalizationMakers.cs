using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>BatchNorm, InstanceNorm, GroupNorm and LayerNorm.</summary>
internal static class NormalizationMakers
{
    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("BatchNorm1d", a => nn.BatchNorm1d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("BatchNorm2d", a => nn.BatchNorm2d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("BatchNorm3d", a => nn.BatchNorm3d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("InstanceNorm1d", a => nn.InstanceNorm1d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("InstanceNorm2d", a => nn.InstanceNorm2d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("InstanceNorm3d", a => nn.InstanceNorm3d(a.Long("num_features"), a.Double("eps"), Momentum(a), a.Bool("affine"), a.Bool("track_running_stats"))),
        ("GroupNorm", GroupNorm),
        ("LayerNorm", a => nn.LayerNorm(a.Ints("normalized_shape"), a.Double("eps"), a.Bool("elementwise_affine"), a.Bool("bias"))),
    ];

    private static double Momentum(LayerArgs a) => a.OptionalDouble("momentum")
        ?? throw new LayerBuildException($"{a.Name}: momentum=None (a cumulative average of the statistics) has no TorchSharp equivalent; give momentum a number such as 0.1");

    private static nn.Module<Tensor, Tensor> GroupNorm(LayerArgs a)
    {
        var groups = a.Long("num_groups");
        var channels = a.Long("num_channels");
        if (groups == 0 || channels % groups != 0)
        {
            throw new LayerBuildException("num_channels must be divisible by num_groups");
        }

        return nn.GroupNorm(groups, channels, a.Double("eps"), a.Bool("affine"));
    }
}
