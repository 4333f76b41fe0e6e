using System.Globalization;
using ShapeSafe.Layers;

namespace ShapeSafe.Interop;

/// <summary>
/// Which constructor arguments give a layer's parameter its shape, after PyTorch's layouts: Linear's weight is
/// [out_features, in_features], Conv's [out_channels, in_channels / groups, *kernel_size], ConvTranspose's
/// [in_channels, out_channels / groups, *kernel_size], a norm's [num_features]. Used to say how a layer must be
/// built to take a tensor of another shape.
/// </summary>
public static class ParameterSizes
{
    /// <summary>
    /// The arguments (<c>in_features=8192</c>) that would give <paramref name="tensor"/> the shape <paramref name="wanted"/>
    /// instead of <paramref name="actual"/>; null when the layer type or tensor is not one whose layout is known.
    /// </summary>
    public static string? ArgumentsFor(string type, BoundArgs? args, string tensor, IReadOnlyList<long> wanted, IReadOnlyList<long> actual)
    {
        var family = type.StartsWith("Lazy", StringComparison.Ordinal) ? type[4..] : type;
        var groups = args?["groups"] is { Kind: Syntax.ArgKind.Int } g && g.Int > 0 ? g.Int : 1;
        var names = Layout(family, tensor, wanted.Count, groups);
        if (names is null || wanted.Count != actual.Count)
        {
            return null;
        }

        var parts = new List<string>();
        var kernelDiffers = false;
        for (var d = 0; d < wanted.Count; d++)
        {
            var (name, scale) = names[d];
            if (name == "kernel_size")
            {
                kernelDiffers |= wanted[d] != actual[d];
                continue;
            }

            if (wanted[d] != actual[d] && !parts.Any(p => p.StartsWith(name + "=", StringComparison.Ordinal)))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={wanted[d] * scale}"));
            }
        }

        if (kernelDiffers)
        {
            var kernel = wanted.Skip(2).ToArray();
            parts.Add(kernel.Length == 1 ? $"kernel_size={kernel[0]}" : $"kernel_size=({string.Join(", ", kernel)})");
        }

        if (family == "LayerNorm" && wanted.SequenceEqual(actual) is false)
        {
            return wanted.Count == 1 ? $"normalized_shape={wanted[0]}" : $"normalized_shape=({string.Join(", ", wanted)})";
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static (string Name, long Scale)[]? Layout(string family, string tensor, int rank, long groups)
    {
        switch (family)
        {
            case "Linear" when tensor == "weight" && rank == 2:
                return [("out_features", 1), ("in_features", 1)];
            case "Linear" when tensor == "bias" && rank == 1:
                return [("out_features", 1)];
            case "Conv1d" or "Conv2d" or "Conv3d" when tensor == "weight" && rank >= 3:
                return [("out_channels", 1), ("in_channels", groups), .. Enumerable.Repeat(("kernel_size", 1L), rank - 2)];
            case "ConvTranspose1d" or "ConvTranspose2d" or "ConvTranspose3d" when tensor == "weight" && rank >= 3:
                return [("in_channels", 1), ("out_channels", groups), .. Enumerable.Repeat(("kernel_size", 1L), rank - 2)];
            case "Conv1d" or "Conv2d" or "Conv3d" or "ConvTranspose1d" or "ConvTranspose2d" or "ConvTranspose3d" when tensor == "bias" && rank == 1:
                return [("out_channels", 1)];
            case "BatchNorm1d" or "BatchNorm2d" or "BatchNorm3d" or "InstanceNorm1d" or "InstanceNorm2d" or "InstanceNorm3d"
                when tensor is "weight" or "bias" or "running_mean" or "running_var" && rank == 1:
                return [("num_features", 1)];
            case "GroupNorm" when tensor is "weight" or "bias" && rank == 1:
                return [("num_channels", 1)];
            case "LayerNorm" when tensor is "weight" or "bias":
                return Enumerable.Repeat(("normalized_shape", 1L), rank).ToArray();
            case "PReLU" when tensor == "weight" && rank == 1:
                return [("num_parameters", 1)];
            case "Embedding" when tensor == "weight" && rank == 2:
                return [("num_embeddings", 1), ("embedding_dim", 1)];
            default:
                return null;
        }
    }
}
