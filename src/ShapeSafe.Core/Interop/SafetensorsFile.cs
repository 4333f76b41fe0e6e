using System.Text.Json;

namespace ShapeSafe.Interop;

/// <summary>
/// Reads the index of a .safetensors file: an 8-byte little-endian header length, a JSON object mapping
/// each key to its dtype, shape and data_offsets (relative to the data after the header), and an optional
/// <c>__metadata__</c>. Every entry is checked (known dtype, non-negative sizes, a byte range that holds
/// exactly its elements and lies inside the file) before any data is read.
/// </summary>
public static class SafetensorsFile
{
    /// <summary>The largest header read (the format's own limit is 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public static WeightsArchive Open(string path)
    {
        long fileLength;
        byte[] header;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            fileLength = stream.Length;
            if (fileLength < 8)
            {
                throw new WeightsFormatException(path, $"is truncated: {fileLength} bytes, too short for a safetensors header length");
            }

            var lengthBytes = new byte[8];
            stream.ReadExactly(lengthBytes);
            var length = BitConverter.ToUInt64(lengthBytes);
            if (length > MaxHeaderBytes || (long)length > fileLength - 8)
            {
                throw new WeightsFormatException(path, $"is not a valid safetensors file: its header length {length} exceeds the {fileLength - 8} bytes that follow{(length > MaxHeaderBytes ? " (and the format's 100 MB limit)" : string.Empty)}");
            }

            header = new byte[length];
            stream.ReadExactly(header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not EndOfStreamException)
        {
            throw new WeightsFormatException(path, $"cannot be read ({e.Message})", e);
        }

        var dataStart = 8 + header.LongLength;
        var dataLength = fileLength - dataStart;
        var entries = ParseIndex(path, header, dataLength);
        return new WeightsArchive(path, WeightsFormat.Safetensors, entries, entry => ReadEntry(path, dataStart, entry));
    }

    private static byte[] ReadEntry(string path, long dataStart, WeightsEntry entry)
    {
        var bytes = new byte[entry.Count * entry.DType.ElementSize()];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            stream.Position = dataStart + (entry.Offset * entry.DType.ElementSize());
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFormatException(path, $"cannot read the data of {entry.Key} ({e.Message})", e);
        }

        return bytes;
    }

    private static List<WeightsEntry> ParseIndex(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new WeightsFormatException(path, $"is not a valid safetensors file: its header is not JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightsFormatException(path, "is not a valid safetensors file: its header is not a JSON object");
            }

            var entries = new List<WeightsEntry>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                entries.Add(ParseEntry(path, property, dataLength));
            }

            // The data is laid out in offset order; keep that order (it is the writer's state_dict order).
            entries.Sort((a, b) => a.Offset.CompareTo(b.Offset));
            return entries;
        }
    }

    private static WeightsEntry ParseEntry(string path, JsonProperty property, long dataLength)
    {
        var key = property.Name;
        var value = property.Value;
        string Bad(string what) => $"is not a valid safetensors file: the entry {key} {what}";
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array)
        {
            throw new WeightsFormatException(path, Bad("lacks its dtype, shape or data_offsets"));
        }

        var dtypeName = dtypeElement.GetString()!;
        var dtype = dtypeName switch
        {
            "F32" => TensorDType.Float32,
            "F64" => TensorDType.Float64,
            "F16" => TensorDType.Float16,
            "BF16" => TensorDType.BFloat16,
            "I64" => TensorDType.Int64,
            "I32" => TensorDType.Int32,
            "I16" => TensorDType.Int16,
            "I8" => TensorDType.Int8,
            "U8" => TensorDType.UInt8,
            "BOOL" => TensorDType.Bool,
            _ => throw new WeightsFormatException(path, Bad($"has dtype '{dtypeName}', which ShapeSafe does not read")),
        };
        var shape = new List<long>();
        foreach (var size in shapeElement.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var s) || s < 0)
            {
                throw new WeightsFormatException(path, Bad($"has the size {size.GetRawText()} in its shape"));
            }

            shape.Add(s);
        }

        var offsets = offsetsElement.EnumerateArray().ToArray();
        if (offsets.Length != 2 || !offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw new WeightsFormatException(path, Bad($"has data_offsets {offsetsElement.GetRawText()}, not [begin, end]"));
        }

        var count = TensorDTypes.ElementCount(shape);
        var size8 = dtype.ElementSize();
        if (count is null || count.Value > long.MaxValue / size8 || end - begin != count.Value * size8)
        {
            throw new WeightsFormatException(path, Bad($"has shape {TensorDTypes.FormatShape(shape)} of {dtypeName} but {end - begin} bytes of data"));
        }

        if (end > dataLength)
        {
            throw new WeightsFormatException(path, $"is truncated: the data of {key} ends at byte {end} of the data section, which has {dataLength} bytes");
        }

        if (begin % size8 != 0)
        {
            throw new WeightsFormatException(path, Bad($"starts at byte {begin}, not a multiple of its element size {size8}"));
        }

        return new WeightsEntry
        {
            Key = key,
            DType = dtype,
            Shape = shape,
            Offset = begin / size8,
            Stride = WeightsEntry.ContiguousStrides(shape),
        };
    }
}
