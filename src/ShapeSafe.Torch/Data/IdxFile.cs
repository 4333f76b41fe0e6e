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

    /// <summary>
    /// The most bytes an IDX file may hold (header and values), the size of the largest array: a header that promises
    /// more is refused before anything is allocated.
    /// </summary>
    public static long MaxBytes => Array.MaxLength;

    private static IdxFile Read(string path, int expectedRank, string what)
    {
        var fileLength = DataFiles.RequireRegular(path);
        var gzipped = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;

            // The header first, from the stream: nothing is allocated for the values before it is checked.
            var headerLength = 4 + (4 * expectedRank);
            var header = new byte[headerLength];
            var got = ReadFully(stream, header);
            if (got < 4)
            {
                throw new DataException(path, $"is truncated: {got} bytes is shorter than the 4-byte IDX magic number");
            }

            var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
            var expectedMagic = (uint)((UnsignedByte << 8) | expectedRank);
            if (header[0] != 0 || header[1] != 0 || header[2] != UnsignedByte || header[3] != expectedRank)
            {
                var meaning = header[0] != 0 || header[1] != 0 ? "not an IDX file"
                    : header[2] != UnsignedByte ? $"an IDX file of type 0x{header[2]:x2}, not unsigned bytes (0x08)"
                    : $"an IDX file with {header[3]} dimension(s), not {expectedRank}";
                throw new DataException(path, $"bad magic number 0x{magic:x8}: expected 0x{expectedMagic:x8} for an IDX file of {what}; this is {meaning}");
            }

            if (got < headerLength)
            {
                throw new DataException(path, $"is truncated: {got} bytes is shorter than the {headerLength}-byte header");
            }

            var dims = new int[expectedRank];
            long expectedValues = 1;
            for (var i = 0; i < expectedRank; i++)
            {
                var size = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + (4 * i)));
                if (size < 0 || (i > 0 && size == 0))
                {
                    throw new DataException(path, $"dimension {i} of the header is {size}; sizes must be positive");
                }

                dims[i] = size;

                // Checked: 16 x 2^30 x 2^30 must not wrap around to a small (or zero) size.
                expectedValues = expectedValues > (MaxBytes - headerLength) / Math.Max(1, size) ? long.MaxValue : expectedValues * size;
            }

            if (expectedValues > MaxBytes - headerLength)
            {
                throw new DataException(path, $"its header promises {Describe(dims, what)}: more than the {MaxBytes} bytes an IDX file may hold");
            }

            if (!gzipped && fileLength - headerLength != expectedValues)
            {
                var actual = fileLength - headerLength;
                throw new DataException(path, actual < expectedValues
                    ? $"is truncated: the header promises {Describe(dims, what)} ({expectedValues} bytes of data) but only {actual} bytes follow it"
                    : $"is longer than its header says: {Describe(dims, what)} is {expectedValues} bytes of data, but {actual} bytes follow it");
            }

            // Read exactly what the header promises, then one byte more to find a longer file: a gzip bomb is never unpacked past that.
            var bytes = new byte[headerLength + expectedValues];
            header.CopyTo(bytes, 0);
            var values = ReadFully(stream, bytes.AsSpan(headerLength));
            if (values < expectedValues)
            {
                throw new DataException(path, $"is truncated: the header promises {Describe(dims, what)} ({expectedValues} bytes of data) but only {values} bytes follow it");
            }

            Span<byte> extra = stackalloc byte[1];
            if (stream.Read(extra) > 0)
            {
                throw new DataException(path, $"is longer than its header says: {Describe(dims, what)} is {expectedValues} bytes of data, but more bytes follow it");
            }

            return new IdxFile(path, dims, bytes, headerLength);
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

    private static string Describe(int[] dims, string what) => dims.Length == 3 ? $"{dims[0]} {what} of {dims[1]}x{dims[2]}" : $"{dims[0]} {what}";

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0)
        {
            total += read;
        }

        return total;
    }
}
