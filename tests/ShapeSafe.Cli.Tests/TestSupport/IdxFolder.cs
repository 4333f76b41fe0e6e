using System.Buffers.Binary;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Writes a small learnable IDX data set: the class is the row of a bright bar in an otherwise dark image.</summary>
public static class IdxFolder
{
    public static void Write(string folder, int train, int test, int size = 10, int classes = 10)
    {
        Directory.CreateDirectory(folder);
        WriteSplit(folder, "train", train, size, classes, seed: 1);
        WriteSplit(folder, "t10k", test, size, classes, seed: 2);
    }

    public static byte[] Images(int count, int size, Func<int, int> labelOf)
    {
        var bytes = new byte[16 + (count * size * size)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), size);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), size);
        for (var n = 0; n < count; n++)
        {
            var row = labelOf(n) % size;
            for (var x = 0; x < size; x++)
            {
                bytes[16 + (n * size * size) + (row * size) + x] = (byte)(200 + ((n + x) % 50));
            }
        }

        return bytes;
    }

    public static byte[] Labels(int count, Func<int, int> labelOf)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (var n = 0; n < count; n++)
        {
            bytes[8 + n] = (byte)labelOf(n);
        }

        return bytes;
    }

    private static void WriteSplit(string folder, string prefix, int count, int size, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), Images(count, size, n => labels[n]));
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), Labels(count, n => labels[n]));
    }
}
