using ShapeSafe.Inference;
using ShapeSafe.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building;

/// <summary>
/// Makes the TorchSharp module for one checked layer: PyTorch's constructor arguments (by PyTorch
/// parameter name) mapped to TorchSharp's constructors, with omitted sizes filled in from what the
/// check inferred. Lazy layers (LazyLinear, LazyConv2d, ...) become their eager module with that size.
/// </summary>
public static class LayerFactory
{
    private static readonly Dictionary<string, Func<LayerArgs, nn.Module<Tensor, Tensor>>> Makers =
        ConvolutionMakers.All.Concat(PoolingMakers.All).Concat(NormalizationMakers.All).Concat(ActivationMakers.All).Concat(ReshapeMakers.All)
            .ToDictionary(m => m.Type, m => m.Make, StringComparer.Ordinal);

    /// <summary>The layer types (PyTorch class names, Lazy variants excluded) that can be built.</summary>
    public static IReadOnlyCollection<string> SupportedTypes => Makers.Keys;

    /// <summary>The module for a layer of rule type <paramref name="ruleType"/> (Conv2d for LazyConv2d) with its bound arguments and inferred sizes.</summary>
    internal static nn.Module<Tensor, Tensor> Create(string ruleType, string name, BoundArgs args, IReadOnlyDictionary<string, long> inferred)
    {
        if (!Makers.TryGetValue(ruleType, out var make))
        {
            throw new LayerBuildException($"{name}: ShapeSafe checks {ruleType} but cannot build it as a TorchSharp module yet");
        }

        var layerArgs = new LayerArgs(ruleType, name, args, inferred);
        try
        {
            return make(layerArgs);
        }
        catch (LayerBuildException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new LayerBuildException($"{name}: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            throw new LayerBuildException($"{name}: TorchSharp refused the arguments: {e.Message.Split('\n')[0]}", e);
        }
    }
}
