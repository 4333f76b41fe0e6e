using static TorchSharp.torch;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// A start-up check that oneDNN computes float32 convolutions right on this CPU: a few small convolutions of the kinds a
/// wrong cache blocking broke (channel counts that need padding, 1-d, transposed, a 1x1 input), each against the same
/// op in float64. It takes a few milliseconds.
/// </summary>
internal static class OneDnnProbe
{
    /// <summary>The largest relative difference accepted: float32 rounding stays near 1e-6; the wrong blocking gave 1e-2 and more.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>The largest relative difference between float32 and float64 over the probe's convolutions.</summary>
    public static double WorstRelativeError()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(0);
        var worst = 0.0;
        foreach (var run in Cases(generator))
        {
            var reference = run(ScalarType.Float64);
            var single = run(ScalarType.Float32).to(ScalarType.Float64);
            var scale = Math.Max(1.0, reference.abs().max().item<double>());
            worst = Math.Max(worst, (single - reference).abs().max().item<double>() / scale);
        }

        return worst;
    }

    private static IEnumerable<Func<ScalarType, Tensor>> Cases(Generator generator)
    {
        Func<ScalarType, Tensor> Case(long[] input, long[] weight, long bias, Func<Tensor, Tensor, Tensor, Tensor> op)
        {
            var (x, w, b) = (randn(input, generator: generator), randn(weight, generator: generator) * 0.1, randn([bias], generator: generator));
            return dtype => op(x.to(dtype), w.to(dtype), b.to(dtype));
        }

        yield return Case([1, 25, 64], [25, 25, 7], 25, (x, w, b) => nn.functional.conv1d(x, w, b, padding: 6));
        yield return Case([1, 100, 1, 1], [100, 48, 4, 4], 48, (x, w, b) => nn.functional.conv_transpose2d(x, w, b));
        yield return Case([1, 19, 12, 12], [2, 19, 3, 3], 2, (x, w, b) => nn.functional.conv2d(x, w, b, padding: [1, 1]));
    }
}
