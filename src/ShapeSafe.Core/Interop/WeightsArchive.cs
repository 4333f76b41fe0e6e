namespace ShapeSafe.Interop;

/// <summary>
/// A state_dict file opened and validated: every entry's key, type, shape and data range are known and
/// checked against the file's real size before any tensor data is read. <see cref="ReadBytes"/> then
/// gives one entry's elements in C order. Open with <see cref="WeightsFile.Open"/>.
/// </summary>
public sealed class WeightsArchive
{
    private readonly Func<WeightsEntry, byte[]> _read;

    internal WeightsArchive(string path, WeightsFormat format, IReadOnlyList<WeightsEntry> entries, Func<WeightsEntry, byte[]> read)
    {
        Path = path;
        Format = format;
        Entries = entries;
        _read = read;
    }

    public string Path { get; }

    public WeightsFormat Format { get; }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<WeightsEntry> Entries { get; }

    /// <summary>The entry's elements, little-endian, in C order (strided torch.save tensors are gathered).</summary>
    public byte[] ReadBytes(WeightsEntry entry) => _read(entry);

    /// <summary>Gathers a strided tensor's elements from its storage into C order.</summary>
    internal static byte[] Gather(ReadOnlySpan<byte> storage, WeightsEntry entry)
    {
        var size = entry.DType.ElementSize();
        var count = entry.Count;
        var result = new byte[count * size];
        if (count == 0)
        {
            return result;
        }

        var contiguous = WeightsEntry.ContiguousStrides(entry.Shape);
        if (contiguous.SequenceEqual(entry.Stride))
        {
            storage.Slice(checked((int)(entry.Offset * size)), result.Length).CopyTo(result);
            return result;
        }

        var rank = entry.Shape.Count;
        var index = new long[rank];
        for (long n = 0; n < count; n++)
        {
            var source = entry.Offset;
            for (var d = 0; d < rank; d++)
            {
                source += index[d] * entry.Stride[d];
            }

            storage.Slice(checked((int)(source * size)), size).CopyTo(result.AsSpan(checked((int)(n * size)), size));
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < entry.Shape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return result;
    }

    /// <summary>The number of storage elements a strided view reaches (0 for an empty tensor).</summary>
    internal static long Extent(WeightsEntry entry)
    {
        if (entry.Count == 0)
        {
            return 0;
        }

        var last = entry.Offset;
        for (var d = 0; d < entry.Shape.Count; d++)
        {
            last = checked(last + ((entry.Shape[d] - 1) * entry.Stride[d]));
        }

        return checked(last + 1);
    }
}
