using ShapeSafe.Layers;
using ShapeSafe.Torch.Building;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// Checks PyTorch makes before libtorch computes, which TorchSharp, calling libtorch directly, does
/// not make, or cannot survive: without them TorchSharp would run inputs PyTorch refuses (or the
/// test process would abort), and the differential test would compare against the wrong reference.
/// Each check names what in PyTorch it stands for; it throws as PyTorch raises.
/// </summary>
internal static class PythonSideChecks
{
    public static void Before(string type, BoundArgs args, Tensor x)
    {
        if (type.StartsWith("ConvTranspose", StringComparison.Ordinal))
        {
            NonPositiveTransposedOutput(type, args, x);
        }
    }

    /// <summary>
    /// A transposed convolution whose output would have no elements: libtorch's reference kernel raises
    /// "Output size is too small", but the CPU oneDNN kernel that TorchSharp reaches fails with a C++
    /// exception that terminates the process, so the error is raised here instead.
    /// </summary>
    private static void NonPositiveTransposedOutput(string type, BoundArgs args, Tensor x)
    {
        var n = type[^2] - '0';
        if (x.dim() < n + 1)
        {
            return;
        }

        var a = new LayerArgs(type, type, args, new Dictionary<string, long>());
        var (k, s, p, o, d) = (a.Tuple("kernel_size", n), a.Tuple("stride", n), a.Tuple("padding", n), a.Tuple("output_padding", n), a.Tuple("dilation", n));
        var spatial = x.shape[^n..];
        for (var i = 0; i < n; i++)
        {
            var size = ((spatial[i] - 1) * s[i]) - (2 * p[i]) + (d[i] * (k[i] - 1)) + o[i] + 1;
            if (size <= 0)
            {
                throw new InvalidOperationException($"Calculated output size per channel is {size}: Output size is too small (not run: oneDNN would abort the process)");
            }
        }
    }
}
