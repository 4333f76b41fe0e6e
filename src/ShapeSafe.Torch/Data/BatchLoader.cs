using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Data;

/// <summary>
/// Serves batches without making training wait: the whole set is copied once to the device as one
/// uint8 tensor (a quarter of float32's size), and each batch is an index_select of a seeded
/// shuffled permutation followed by one fused scale-and-shift into normalized float32. No decoding,
/// copying from managed memory or host-to-device transfer happens per batch.
/// </summary>
public sealed class BatchLoader : IDisposable
{
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private readonly Tensor _scale;
    private readonly Tensor _shift;
    private int[]? _order;
    private Tensor? _orderOnDevice;

    public BatchLoader(ImageSet set, Normalization normalization, Device device)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(normalization);
        if (normalization.Channels != set.Channels)
        {
            throw new ArgumentException($"the normalization has {normalization.Channels} channels but the images have {set.Channels}", nameof(normalization));
        }

        Set = set;
        Device = device;
        using (var cpuImages = tensor(set.Pixels, [set.Count, set.Channels, set.Height, set.Width], ScalarType.Byte))
        {
            _images = cpuImages.to(device);
        }

        using (var cpuLabels = tensor(set.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64))
        {
            _labels = cpuLabels.to(device);
        }

        // (byte / 255 - mean) / std == byte * scale + shift.
        var scale = normalization.Std.Select(s => 1f / (255f * s)).ToArray();
        var shift = normalization.Mean.Zip(normalization.Std, (m, s) => -m / s).ToArray();
        using (var s = tensor(scale, [1, set.Channels, 1, 1]))
        using (var b = tensor(shift, [1, set.Channels, 1, 1]))
        {
            _scale = s.to(device);
            _shift = b.to(device);
        }
    }

    public ImageSet Set { get; }

    public Device Device { get; }

    public int Count => Set.Count;

    public int BatchCount(int batchSize) => (Count + batchSize - 1) / batchSize;

    /// <summary>The visiting order of one epoch: a seeded shuffle, or 0..N-1 when not shuffling.</summary>
    public int[] Order(bool shuffle, int seed) => shuffle ? Shuffle.Permutation(Count, seed) : Enumerable.Range(0, Count).ToArray();

    /// <summary>
    /// Batch <paramref name="index"/> of <paramref name="order"/>: normalized float32 images
    /// (B x C x H x W) and int64 labels on the device. Call it inside the caller's dispose scope.
    /// </summary>
    public (Tensor Images, Tensor Labels) Batch(int[] order, int index, int batchSize)
    {
        var start = index * batchSize;
        var length = Math.Min(batchSize, order.Length - start);
        if (length <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "past the last batch");
        }

        using var deviceIds = DeviceOrder(order).narrow(0, start, length);
        using var bytes = _images.index_select(0, deviceIds);
        using var floats = bytes.to(ScalarType.Float32);
        var images = floats.mul(_scale).add_(_shift);
        var labels = _labels.index_select(0, deviceIds);
        return (images, labels);
    }

    /// <summary>
    /// The order as an int64 tensor on the device, uploaded once per order (once per epoch): a
    /// host-to-device copy per batch would make the GPU queue drain before every batch.
    /// </summary>
    private Tensor DeviceOrder(int[] order)
    {
        if (!ReferenceEquals(order, _order) || _orderOnDevice is null)
        {
            _orderOnDevice?.Dispose();
            _orderOnDevice = tensor(order.Select(i => (long)i).ToArray(), ScalarType.Int64, device: Device).DetachFromDisposeScope();
            _order = order;
        }

        return _orderOnDevice;
    }

    /// <summary>Normalizes images given as bytes (N x C x H x W), as the batches are; for prediction.</summary>
    public static Tensor Normalize(byte[] pixels, int count, int channels, int height, int width, Normalization normalization, Device device)
    {
        using var scope = NewDisposeScope();
        var bytes = tensor(pixels, [count, channels, height, width], ScalarType.Byte).to(device);
        var scale = tensor(normalization.Std.Select(s => 1f / (255f * s)).ToArray(), [1, channels, 1, 1]).to(device);
        var shift = tensor(normalization.Mean.Zip(normalization.Std, (m, s) => -m / s).ToArray(), [1, channels, 1, 1]).to(device);
        return bytes.to(ScalarType.Float32).mul(scale).add_(shift).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _images.Dispose();
        _labels.Dispose();
        _scale.Dispose();
        _shift.Dispose();
        _orderOnDevice?.Dispose();
    }
}
