namespace ShapeSafe.Interop;

/// <summary>
/// An n-dimensional array as a .npy file holds it: element type, shape (C order) and the elements'
/// little-endian bytes. <see cref="NpyFile"/> reads and writes it; the TorchSharp adapter turns it into tensors.
/// </summary>
public sealed class NpyArray
{
    public NpyArray(TensorDType dtype, IReadOnlyList<long> shape, byte[] data)
    {
        if (!NpyFile.Supports(dtype))
        {
            throw new ArgumentException($"{dtype.TorchName()} has no .npy type ShapeSafe writes", nameof(dtype));
        }

        var count = TensorDTypes.ElementCount(shape) ?? throw new ArgumentException($"shape {TensorDTypes.FormatShape(shape)} is not a valid array shape", nameof(shape));
        if (count > long.MaxValue / dtype.ElementSize() || data.LongLength != count * dtype.ElementSize())
        {
            throw new ArgumentException($"{data.LongLength} bytes do not hold {TensorDTypes.FormatShape(shape)} elements of {dtype.TorchName()}", nameof(data));
        }

        DType = dtype;
        Shape = [.. shape];
        Data = data;
    }

    public TensorDType DType { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The elements in C order, little-endian.</summary>
    public byte[] Data { get; }

    public long Count => Data.LongLength / DType.ElementSize();

    public static NpyArray FromFloats(IReadOnlyList<long> shape, float[] values)
    {
        var data = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, data, 0, data.Length);
        EnsureLittleEndian();
        return new NpyArray(TensorDType.Float32, shape, data);
    }

    /// <summary>The elements as float32 (ints and bools converted); for a float32 array, the values as stored.</summary>
    public float[] ToFloats()
    {
        EnsureLittleEndian();
        var count = checked((int)Count);
        var result = new float[count];
        var span = Data.AsSpan();
        for (var i = 0; i < count; i++)
        {
            result[i] = DType switch
            {
                TensorDType.Float32 => BitConverter.ToSingle(span.Slice(i * 4, 4)),
                TensorDType.Float64 => (float)BitConverter.ToDouble(span.Slice(i * 8, 8)),
                TensorDType.Int64 => BitConverter.ToInt64(span.Slice(i * 8, 8)),
                TensorDType.Int32 => BitConverter.ToInt32(span.Slice(i * 4, 4)),
                TensorDType.UInt8 or TensorDType.Bool => span[i],
                _ => throw new System.Diagnostics.UnreachableException($"{DType} is not a .npy type"),
            };
        }

        return result;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ShapeSafe reads and writes tensor files on little-endian machines only");
        }
    }
}
