using System.Globalization;

namespace ShapeSafe.Torch.Data;

/// <summary>
/// Per-channel mean and standard deviation of pixel values scaled to [0, 1]: x = (byte / 255 - mean) / std.
/// Computed from the training images, stored in the checkpoint and reused by evaluate and predict.
/// </summary>
public sealed record Normalization(IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    /// <summary>The smallest standard deviation used; a constant channel divides by 1 instead of 0.</summary>
    public const float MinStd = 1e-6f;

    public int Channels => Mean.Count;

    /// <summary>Mean and (population) standard deviation of each channel over all images.</summary>
    public static Normalization Compute(ImageSet images)
    {
        var channels = images.Channels;
        var plane = images.Height * images.Width;
        var sums = new double[channels];
        var squares = new double[channels];
        var pixels = images.Pixels;
        for (var n = 0; n < images.Count; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                var start = ((long)n * channels + c) * plane;
                long sum = 0;
                long square = 0;
                for (var i = 0; i < plane; i++)
                {
                    int v = pixels[start + i];
                    sum += v;
                    square += v * v;
                }

                sums[c] += sum;
                squares[c] += square;
            }
        }

        var count = (double)images.Count * plane;
        var mean = new float[channels];
        var std = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            var m = sums[c] / count;
            var variance = Math.Max(0, (squares[c] / count) - (m * m));
            mean[c] = (float)(m / 255.0);
            var s = (float)(Math.Sqrt(variance) / 255.0);
            std[c] = s < MinStd ? 1f : s;
        }

        return new Normalization(mean, std);
    }

    public override string ToString() => $"mean [{Join(Mean)}], std [{Join(Std)}]";

    private static string Join(IReadOnlyList<float> values) => string.Join(", ", values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)));
}
