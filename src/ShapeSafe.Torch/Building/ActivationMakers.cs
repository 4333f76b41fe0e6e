using ShapeSafe.Torch.Building.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>The element-wise activations, PReLU, and Softmax / LogSoftmax / Softmin.</summary>
internal static class ActivationMakers
{
    public static IEnumerable<(string Type, Func<LayerArgs, nn.Module<Tensor, Tensor>> Make)> All =>
    [
        ("ReLU", a => nn.ReLU(a.Bool("inplace"))),
        ("ReLU6", a => nn.ReLU6(a.Bool("inplace"))),
        ("LeakyReLU", a => nn.LeakyReLU(a.Double("negative_slope"), a.Bool("inplace"))),
        ("ELU", a => nn.ELU(a.Double("alpha"), a.Bool("inplace"))),
        ("CELU", a => nn.CELU(a.Double("alpha"), a.Bool("inplace"))),
        ("SELU", a => nn.SELU(a.Bool("inplace"))),
        ("GELU", Gelu),
        ("SiLU", a => nn.SiLU(a.Bool("inplace"))),
        ("Mish", a => nn.Mish(a.Bool("inplace"))),
        ("Sigmoid", _ => nn.Sigmoid()),
        ("Tanh", _ => nn.Tanh()),
        ("Hardtanh", Hardtanh),
        ("Hardswish", a => nn.Hardswish(a.Bool("inplace"))),
        ("Hardsigmoid", a => nn.Hardsigmoid(a.Bool("inplace"))),
        ("Softplus", a => nn.Softplus(a.Double("beta"), a.Double("threshold"))),
        ("Softsign", _ => nn.Softsign()),
        ("Tanhshrink", _ => nn.Tanhshrink()),
        ("PReLU", a => nn.PReLU(a.Long("num_parameters"), a.Double("init"))),
        ("Softmax", a => a.OptionalLong("dim") is { } dim ? nn.Softmax(dim) : new ImplicitDimSoftmax("Softmax")),
        ("LogSoftmax", a => a.OptionalLong("dim") is { } dim ? nn.LogSoftmax(dim) : new ImplicitDimSoftmax("LogSoftmax")),
        ("Softmin", a => a.OptionalLong("dim") is { } dim ? nn.Softmin(dim) : new ImplicitDimSoftmax("Softmin")),
    ];

    private static nn.Module<Tensor, Tensor> Gelu(LayerArgs a) => a.String("approximate") switch
    {
        "none" => nn.GELU(GELU.Approximate.none),
        "tanh" => nn.GELU(GELU.Approximate.tanh),
        var other => throw new LayerBuildException($"approximate argument must be either none or tanh, but got '{other}'"),
    };

    /// <summary>Hardtanh: the deprecated min_value / max_value win when given, and max_val must exceed min_val, as PyTorch asserts.</summary>
    private static nn.Module<Tensor, Tensor> Hardtanh(LayerArgs a)
    {
        var min = a.OptionalDouble("min_value") ?? a.Double("min_val");
        var max = a.OptionalDouble("max_value") ?? a.Double("max_val");
        if (!(max > min))
        {
            throw new LayerBuildException($"{a.Name}: max_val ({LayerArgs.Show(max)}) must be greater than min_val ({LayerArgs.Show(min)})");
        }

        return nn.Hardtanh(min, max, a.Bool("inplace"));
    }
}
