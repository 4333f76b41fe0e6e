namespace ShapeSafe.Torch.Data;

/// <summary>
/// Labeled images held in memory as bytes, channels first (N x C x H x W, one byte per value), with
/// the class names the labels index. Kept as bytes (a quarter of float32) and turned into normalized
/// float tensors a batch at a time by <see cref="BatchLoader"/>.
/// </summary>
public sealed class ImageSet
{
    public ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, IReadOnlyList<string> classNames, string source, DataKind kind)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), "image dimensions must be positive");
        }

        if ((long)labels.Length * channels * height * width != pixels.LongLength)
        {
            throw new ArgumentException($"{pixels.LongLength} pixel bytes do not hold {labels.Length} images of {channels}x{height}x{width}", nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
        Source = source;
        Kind = kind;
    }

    /// <summary>N x C x H x W bytes, 0..255.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class index per image, each in [0, <see cref="ClassCount"/>).</summary>
    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int ImageBytes => Channels * Height * Width;

    public IReadOnlyList<string> ClassNames { get; }

    public int ClassCount => ClassNames.Count;

    /// <summary>Where the images came from (a folder), for messages.</summary>
    public string Source { get; }

    public DataKind Kind { get; }

    /// <summary>The images at <paramref name="indices"/>, in that order.</summary>
    public ImageSet Select(IReadOnlyList<int> indices)
    {
        var size = ImageBytes;
        var pixels = new byte[(long)indices.Count * size];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Buffer.BlockCopy(Pixels, indices[i] * size, pixels, i * size, size);
            labels[i] = Labels[indices[i]];
        }

        return new ImageSet(pixels, labels, Channels, Height, Width, ClassNames, Source, Kind);
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer).</summary>
    public ImageSet Take(int count) => count >= Count ? this : Select(Enumerable.Range(0, count).ToArray());

    /// <summary>
    /// Splits off a held-out part: a seeded shuffle, then the first round(fraction x N) images
    /// (at least one when the fraction is positive and there are two or more) are held out.
    /// </summary>
    public (ImageSet Train, ImageSet Validation) HoldOut(double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the held-out fraction must be between 0 and 1");
        }

        if (Count < 2)
        {
            throw new DataException(Source, $"holds {Count} image(s); at least 2 are needed to hold some out for validation");
        }

        var order = Shuffle.Permutation(Count, seed);
        var held = Math.Clamp((int)Math.Round(fraction * Count), 1, Count - 1);
        var validation = order[..held];
        var train = order[held..];
        Array.Sort(validation);
        Array.Sort(train);
        return (Select(train), Select(validation));
    }
}
