using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// Runs a generated stack in real TorchSharp on the CPU, layer by layer (eval mode, no grad), independently of src/:
/// the text is read by <see cref="ReferenceParser"/>, each call bound by PyTorch's signature
/// (<see cref="ReferenceSignatures"/>) and built and applied from TorchSharp's API with PyTorch's Python-level checks
/// (<see cref="ReferenceLayers"/>), any omitted size taken from the tensor that actually reaches it (as PyTorch's Lazy
/// modules do). Records every output shape and the first layer whose binding, construction or forward throws.
/// </summary>
internal static class TorchReference
{
    /// <summary>What TorchSharp did: the output shape of each layer that ran, the sizes taken from the tensor, and where and why it failed.</summary>
    internal sealed record Run(IReadOnlyList<long[]> Outputs, IReadOnlyList<IReadOnlyDictionary<string, long>> Sizes, int? FailedAt, string? Failure);

    public static Run Execute(string text)
    {
        var (input, layers) = ReferenceParser.Parse(text);
        var outputs = new List<long[]>();
        var sizes = new List<IReadOnlyDictionary<string, long>>();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.randn(input);
        for (var i = 0; i < layers.Count; i++)
        {
            var inferred = new Dictionary<string, long>(StringComparer.Ordinal);
            sizes.Add(inferred);
            try
            {
                var (type, args) = ReferenceSignatures.Bind(layers[i]);
                x = ReferenceLayers.Apply(type, args, x, inferred);
            }
            catch (Exception e)
            {
                return new Run(outputs, sizes, i, $"{e.GetType().Name}: {FirstLine(e.Message)}");
            }

            outputs.Add(x.shape);
        }

        return new Run(outputs, sizes, null, null);
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.TrimEntries)[0];
}
