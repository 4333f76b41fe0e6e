namespace ShapeSafe.Interop;

/// <summary>
/// One tensor of a state_dict file, as its index describes it, before any data is read: the key
/// (<c>conv1.weight</c>), element type and shape, and where its elements lie (a safetensors byte range,
/// or a torch.save storage with offset and strides, in elements).
/// </summary>
public sealed record WeightsEntry
{
    public required string Key { get; init; }

    public required TensorDType DType { get; init; }

    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>The storage (torch.save: its record name under data/; safetensors: empty, the single data buffer).</summary>
    public string Storage { get; init; } = string.Empty;

    /// <summary>The first element's position in the storage, in elements (safetensors: in bytes / element size).</summary>
    public long Offset { get; init; }

    /// <summary>Strides in elements; C order for safetensors.</summary>
    public required IReadOnlyList<long> Stride { get; init; }

    public long Count => TensorDTypes.ElementCount(Shape) ?? 0;

    /// <summary>C-order strides of a shape.</summary>
    public static long[] ContiguousStrides(IReadOnlyList<long> shape)
    {
        var strides = new long[shape.Count];
        long step = 1;
        for (var i = shape.Count - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= Math.Max(1, shape[i]);
        }

        return strides;
    }
}
