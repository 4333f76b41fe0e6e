namespace ShapeSafe.Imaging;

/// <summary>
/// Turns image bytes (N x C x H x W) into the float32 values a model takes: x = byte * (1 / (255 std)) + (-mean / std)
/// per channel, the same float32 operations TorchSharp's batches use, so ONNX serving sees the same numbers.
/// </summary>
public static class PixelNormalizer
{
    /// <summary>Normalizes <paramref name="pixels"/> (<paramref name="count"/> images of C x H x W, C = mean.Count).</summary>
    public static float[] Normalize(ReadOnlySpan<byte> pixels, int count, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count || mean.Count == 0)
        {
            throw new ArgumentException($"the normalization has {mean.Count} means and {std.Count} standard deviations", nameof(std));
        }

        var channels = mean.Count;
        if (count <= 0 || pixels.Length % (count * channels) != 0)
        {
            throw new ArgumentException($"{pixels.Length} bytes are not {count} images of {channels} channels", nameof(pixels));
        }

        var plane = pixels.Length / (count * channels);
        var result = new float[pixels.Length];
        for (var c = 0; c < channels; c++)
        {
            var scale = 1f / (255f * std[c]);
            var shift = -mean[c] / std[c];
            for (var n = 0; n < count; n++)
            {
                var start = ((n * channels) + c) * plane;
                for (var i = start; i < start + plane; i++)
                {
                    result[i] = (pixels[i] * scale) + shift;
                }
            }
        }

        return result;
    }
}
