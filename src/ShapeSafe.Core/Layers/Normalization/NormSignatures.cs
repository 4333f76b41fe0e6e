namespace ShapeSafe.Layers.Normalization;

/// <summary>The constructor shared by BatchNorm*d and InstanceNorm*d, which differ only in their defaults.</summary>
internal static class NormSignatures
{
    /// <summary>(num_features, eps=1e-05, momentum=0.1, affine, track_running_stats, device=None, dtype=None).</summary>
    public static LayerSignature Running(bool affine, bool trackRunningStats) => new(
        ParameterSpec.InferredSize("num_features"),
        ParameterSpec.Optional("eps", ParamType.Float, 1e-5),
        ParameterSpec.Optional("momentum", ParamType.OptionalFloat, 0.1),
        ParameterSpec.Optional("affine", ParamType.Bool, affine),
        ParameterSpec.Optional("track_running_stats", ParamType.Bool, trackRunningStats),
        ParameterSpec.OptionalNone("device", ParamType.Any),
        ParameterSpec.OptionalNone("dtype", ParamType.Any));
}
