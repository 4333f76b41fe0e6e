using System.Buffers.Binary;
using System.IO.Compression;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Writes small IDX files (optionally gzipped, optionally damaged) for data tests.</summary>
public static class IdxWriter
{
    public static byte[] Images(int count, int rows, int cols, Func<int, int, byte>? pixel = null)
    {
        var bytes = new byte[16 + (count * rows * cols)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (var n = 0; n < count; n++)
        {
            for (var i = 0; i < rows * cols; i++)
            {
                bytes[16 + (n * rows * cols) + i] = pixel?.Invoke(n, i) ?? (byte)((n * 31 + i) % 256);
            }
        }

        return bytes;
    }

    public static byte[] Labels(IReadOnlyList<byte> labels)
    {
        var bytes = new byte[8 + labels.Count];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            bytes[8 + i] = labels[i];
        }

        return bytes;
    }

    public static string Write(string folder, string name, byte[] content, bool gzip)
    {
        var path = Path.Combine(folder, gzip ? name + ".gz" : name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(content);
        }
        else
        {
            File.WriteAllBytes(path, content);
        }

        return path;
    }

    /// <summary>A complete, valid split: <paramref name="count"/> images whose label is n % classes.</summary>
    public static void WriteSplit(string folder, string prefix, int count, int rows = 8, int cols = 8, bool gzip = false, int classes = 10)
    {
        Write(folder, $"{prefix}-images-idx3-ubyte", Images(count, rows, cols), gzip);
        Write(folder, $"{prefix}-labels-idx1-ubyte", Labels(Enumerable.Range(0, count).Select(n => (byte)(n % classes)).ToArray()), gzip);
    }
}
