using ShapeSafe.Inference;
using ShapeSafe.Torch.Building;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// Runs a checked stack in real TorchSharp on the CPU, layer by layer (eval mode, no grad): each
/// layer is constructed from its bound arguments, with any omitted size taken from the tensor that
/// actually reaches it (as PyTorch's Lazy modules do), then applied. Records every output shape and
/// the first layer whose construction or forward throws.
/// </summary>
internal static class TorchReference
{
    /// <summary>What TorchSharp did: the output shape of each layer that ran, and where and why it failed.</summary>
    internal sealed record Run(IReadOnlyList<long[]> Outputs, IReadOnlyList<IReadOnlyDictionary<string, long>> Sizes, int? FailedAt, string? Failure);

    public static Run Execute(CheckResult check)
    {
        var outputs = new List<long[]>();
        var sizes = new List<IReadOnlyDictionary<string, long>>();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.randn(check.Input!.ToLongArray()!);
        for (var i = 0; i < check.Layers.Count; i++)
        {
            var layer = check.Layers[i];
            if (layer.Entry is null || layer.Args is null)
            {
                return new Run(outputs, sizes, i, "the constructor call does not bind (TypeError in Python)");
            }

            var inferred = InferredFrom(layer, x);
            sizes.Add(inferred);
            nn.Module<Tensor, Tensor> module;
            try
            {
                module = LayerFactory.Create(layer.Entry.Rule.Type, layer.Name, layer.Args, inferred);
            }
            catch (Exception e)
            {
                return new Run(outputs, sizes, i, $"construction: {e.GetType().Name}: {FirstLine(e.Message)}");
            }

            using (module)
            {
                module.eval();
                try
                {
                    PythonSideChecks.Before(layer.Entry.Rule.Type, layer.Args, x);
                    x = module.forward(x);
                }
                catch (Exception e)
                {
                    return new Run(outputs, sizes, i, $"forward: {e.GetType().Name}: {FirstLine(e.Message)}");
                }
            }

            outputs.Add(x.shape);
        }

        return new Run(outputs, sizes, null, null);
    }

    /// <summary>
    /// Omitted sizes as PyTorch's Lazy modules take them: in_features from the last dimension
    /// (LazyLinear); in_channels from dimension 1, or 0 for an unbatched input (_LazyConvXdMixin._get_in_channels);
    /// num_features from dimension 1 (_LazyNormBase).
    /// </summary>
    private static Dictionary<string, long> InferredFrom(LayerTrace layer, Tensor x)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var type = layer.Entry!.Rule.Type;
        foreach (var parameter in layer.Entry.Rule.Signature.Parameters.Where(p => p.Inferable && !layer.Args!.Has(p.Name)))
        {
            if (parameter.Name == "in_features" && x.dim() >= 1)
            {
                sizes[parameter.Name] = x.shape[^1];
            }
            else if (parameter.Name == "in_channels" && type.StartsWith("Conv", StringComparison.Ordinal) && x.dim() == type[^2] - '0' + 1)
            {
                sizes[parameter.Name] = x.shape[0];
            }
            else if (x.dim() >= 2)
            {
                sizes[parameter.Name] = x.shape[1];
            }
        }

        return sizes;
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.TrimEntries)[0];
}
