using ShapeSafe.Layers;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Layers;

public sealed class BasicLayerRegistryTests
{
    [Theory]
    [InlineData("Linear", "in_features, out_features, bias=True, device=None, dtype=None")]
    [InlineData("LazyLinear", "out_features, bias=True, device=None, dtype=None")]
    [InlineData("BatchNorm1d", "num_features, eps, momentum, affine=True, track_running_stats=True, device=None, dtype=None")]
    [InlineData("BatchNorm2d", "num_features, eps, momentum, affine=True, track_running_stats=True, device=None, dtype=None")]
    [InlineData("BatchNorm3d", "num_features, eps, momentum, affine=True, track_running_stats=True, device=None, dtype=None")]
    [InlineData("LazyBatchNorm2d", "eps, momentum, affine=True, track_running_stats=True, device=None, dtype=None")]
    [InlineData("InstanceNorm1d", "num_features, eps, momentum, affine=False, track_running_stats=False, device=None, dtype=None")]
    [InlineData("InstanceNorm2d", "num_features, eps, momentum, affine=False, track_running_stats=False, device=None, dtype=None")]
    [InlineData("InstanceNorm3d", "num_features, eps, momentum, affine=False, track_running_stats=False, device=None, dtype=None")]
    [InlineData("LazyInstanceNorm1d", "eps, momentum, affine=True, track_running_stats=True, device=None, dtype=None")]
    [InlineData("GroupNorm", "num_groups, num_channels, eps, affine=True, device=None, dtype=None")]
    [InlineData("LayerNorm", "normalized_shape, eps, elementwise_affine=True, bias=True, device=None, dtype=None")]
    [InlineData("Dropout", "p, inplace=False")]
    [InlineData("Dropout1d", "p, inplace=False")]
    [InlineData("Dropout2d", "p, inplace=False")]
    [InlineData("Dropout3d", "p, inplace=False")]
    [InlineData("AlphaDropout", "p, inplace=False")]
    [InlineData("Flatten", "start_dim=1, end_dim=-1")]
    [InlineData("Unflatten", "dim, unflattened_size")]
    [InlineData("Identity", "*args, **kwargs")]
    [InlineData("ZeroPad1d", "padding")]
    [InlineData("ZeroPad2d", "padding")]
    [InlineData("ZeroPad3d", "padding")]
    [InlineData("ConstantPad1d", "padding, value")]
    [InlineData("ConstantPad2d", "padding, value")]
    [InlineData("ConstantPad3d", "padding, value")]
    [InlineData("ReflectionPad1d", "padding")]
    [InlineData("ReflectionPad2d", "padding")]
    [InlineData("ReflectionPad3d", "padding")]
    [InlineData("ReplicationPad1d", "padding")]
    [InlineData("ReplicationPad2d", "padding")]
    [InlineData("ReplicationPad3d", "padding")]
    [InlineData("Upsample", "size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None")]
    [InlineData("UpsamplingNearest2d", "size=None, scale_factor=None")]
    [InlineData("UpsamplingBilinear2d", "size=None, scale_factor=None")]
    [InlineData("ReLU", "inplace=False")]
    [InlineData("ReLU6", "inplace=False")]
    [InlineData("LeakyReLU", "negative_slope, inplace=False")]
    [InlineData("ELU", "alpha, inplace=False")]
    [InlineData("CELU", "alpha, inplace=False")]
    [InlineData("SELU", "inplace=False")]
    [InlineData("GELU", "approximate='none'")]
    [InlineData("SiLU", "inplace=False")]
    [InlineData("Sigmoid", "")]
    [InlineData("Tanh", "")]
    [InlineData("Hardtanh", "min_val, max_val, inplace=False, min_value=None, max_value=None")]
    [InlineData("Hardswish", "inplace=False")]
    [InlineData("Hardsigmoid", "inplace=False")]
    [InlineData("Mish", "inplace=False")]
    [InlineData("Softplus", "beta, threshold")]
    [InlineData("Softsign", "")]
    [InlineData("Tanhshrink", "")]
    [InlineData("PReLU", "num_parameters=1, init, device=None, dtype=None")]
    [InlineData("Softmax", "dim=None")]
    [InlineData("LogSoftmax", "dim=None")]
    [InlineData("Softmin", "dim=None")]
    public void RegistersEachLayerWithPyTorchsSignature(string type, string signature)
    {
        Assert.True(LayerRegistry.Default.TryGet(type, out var entry), $"{type} is not registered");
        Assert.Equal(signature, string.Join(", ", entry.Signature.AcceptsAnyArguments ? ["*args, **kwargs"] : entry.Signature.Parameters.Select(Describe)));
    }

    [Theory]
    [InlineData("LazyGroupNorm")]
    [InlineData("LazyLayerNorm")]
    [InlineData("LazyPReLU")]
    [InlineData("LazyDropout")]
    public void DerivesNoLazyFormPyTorchLacks(string type) =>
        Assert.False(LayerRegistry.Default.TryGet(type, out _));

    [Theory]
    [InlineData("eps", 1e-5)]
    [InlineData("momentum", 0.1)]
    public void UsesPyTorchsFloatDefaults(string parameter, double value)
    {
        Assert.True(LayerRegistry.Default.TryGet("BatchNorm2d", out var entry));
        Assert.Equal(value, entry.Signature.Find(parameter)!.Default!.Float);
    }

    // Float defaults are compared by value (UsesPyTorchsFloatDefaults); the rest as Python writes them.
    private static string Describe(ParameterSpec p) =>
        p.Default is null || p.Default.Kind == ArgKind.Float ? p.Name : $"{p.Name}={p.Default.ToPython()}";
}
