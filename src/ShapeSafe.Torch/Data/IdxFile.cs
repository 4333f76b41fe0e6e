using System.Buffers.Binary;
using System.IO.Compression;

namespace ShapeSafe.Torch.Data;

/// <summary>
/// One IDX file (the MNIST format): a 4-byte magic number (two zero bytes, a type code, the number
/// of dimensions), one big-endian int32 per dimension, then the values. Gzipped files (.gz) are
/// unpacked in memory. Everything is checked against the header: the magic, the type, the number of
/// dimensions and the length, and a wrong file gives a <see cref="DataException"/> naming it.
/// </summary>
public sealed class IdxFile
{
    /// <summary>The type code of unsigned bytes, the only one MNIST-style data uses.</summary>
    public const byte UnsignedByte = 0x08;

    private IdxFile(string path, int[] dims, byte[] data, int dataOffset)
    {
        Path = path;
        Dims = dims;
        Data = data;
        DataOffset = dataOffset;
    }

    public string Path { get; }

    public IReadOnlyList<int> Dims { get; }

    /// <summary>The file's bytes (unpacked); the values start at <see cref="DataOffset"/>.</summary>
    public byte[] Data { get; }

    public int DataOffset { get; }

    /// <summary>Reads an image file: 3 dimensions (count, rows, columns) of unsigned bytes.</summary>
    public static IdxFile ReadImages(string path) => Read(path, expectedRank: 3, "images");

    /// <summary>Reads a label file: 1 dimension (count) of unsigned bytes.</summary>
    public static IdxFile ReadLabels(string path) => Read(path, expectedRank: 1, "labels");

    private static IdxFile Read(string path, int expectedRank, string what)
    {
        var bytes = ReadAllBytes(path);
        if (bytes.Length < 4)
        {
            throw new DataException(path, $"is truncated: {bytes.Length} bytes is shorter than the 4-byte IDX magic number");
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var expectedMagic = (uint)((UnsignedByte << 8) | expectedRank);
        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByte || bytes[3] != expectedRank)
        {
            var meaning = bytes[0] != 0 || bytes[1] != 0 ? "not an IDX file"
                : bytes[2] != UnsignedByte ? $"an IDX file of type 0x{bytes[2]:x2}, not unsigned bytes (0x08)"
                : $"an IDX file with {bytes[3]} dimension(s), not {expectedRank}";
            throw new DataException(path, $"bad magic number 0x{magic:x8}: expected 0x{expectedMagic:x8} for an IDX file of {what}; this is {meaning}");
        }

        var headerLength = 4 + (4 * expectedRank);
        if (bytes.Length < headerLength)
        {
            throw new DataException(path, $"is truncated: {bytes.Length} bytes is shorter than the {headerLength}-byte header");
        }

        var dims = new int[expectedRank];
        long expectedValues = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)));
            if (size < 0 || (i > 0 && size == 0))
            {
                throw new DataException(path, $"dimension {i} of the header is {size}; sizes must be positive");
            }

            dims[i] = size;
            expectedValues *= size;
        }

        var actualValues = (long)bytes.Length - headerLength;
        if (actualValues < expectedValues)
        {
            throw new DataException(path, $"is truncated: the header promises {Describe(dims, what)} ({expectedValues} bytes of data) but only {actualValues} bytes follow it");
        }

        if (actualValues > expectedValues)
        {
            throw new DataException(path, $"is longer than its header says: {Describe(dims, what)} is {expectedValues} bytes of data, but {actualValues} bytes follow it");
        }

        return new IdxFile(path, dims, bytes, headerLength);
    }

    private static string Describe(int[] dims, string what) => dims.Length == 3 ? $"{dims[0]} {what} of {dims[1]}x{dims[2]}" : $"{dims[0]} {what}";

    private static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataException(path, "does not exist");
        }

        try
        {
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                return File.ReadAllBytes(path);
            }

            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var memory = new MemoryStream(capacity: (int)Math.Min(int.MaxValue, file.Length * 4));
            gzip.CopyTo(memory);
            return memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataException(path, $"is not a valid gzip file ({e.Message.TrimEnd('.')}); it may be truncated or not compressed");
        }
        catch (EndOfStreamException)
        {
            throw new DataException(path, "is truncated: the gzip stream ends early");
        }
        catch (IOException e)
        {
            throw new DataException(path, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException(path, $"cannot be read: {e.Message}");
        }
    }
}
