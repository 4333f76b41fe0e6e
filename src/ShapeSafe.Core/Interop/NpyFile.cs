using System.Globalization;
using System.Text;

namespace ShapeSafe.Interop;

/// <summary>
/// NumPy's .npy format (versions 1.0, 2.0 and 3.0): the magic <c>\x93NUMPY</c>, a version, the header length
/// (2 bytes in 1.0, 4 in 2.0 and 3.0), a Python dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>
/// padded to a multiple of 64 bytes, then the elements. Reads little-endian C-order arrays of &lt;f4 &lt;f8 &lt;i8 &lt;i4 |u1 |b1;
/// everything else (Fortran order, big-endian, object arrays, a size that does not match the data) is an
/// <see cref="NpyFormatException"/> naming the file and the problem, found from the header before anything is allocated.
/// </summary>
public static class NpyFile
{
    /// <summary>The most dimensions a shape may have (NumPy's own limit is 64).</summary>
    public const int MaxRank = 64;

    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly (string Descr, TensorDType DType)[] Types =
    [
        ("<f4", TensorDType.Float32),
        ("<f8", TensorDType.Float64),
        ("<i8", TensorDType.Int64),
        ("<i4", TensorDType.Int32),
        ("|u1", TensorDType.UInt8),
        ("|b1", TensorDType.Bool),
    ];

    /// <summary>True for the element types a .npy file can carry here.</summary>
    public static bool Supports(TensorDType dtype) => Types.Any(t => t.DType == dtype);

    /// <summary>The descr NumPy writes for <paramref name="dtype"/> (&lt;f4, |u1, ...).</summary>
    public static string Descr(TensorDType dtype) => Types.First(t => t.DType == dtype).Descr;

    public static NpyArray Read(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(stream, path);
        }
        catch (FileNotFoundException)
        {
            throw new NpyFormatException(path, "no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new NpyFormatException(path, "no such file");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new NpyFormatException(path, $"cannot be read ({e.Message})", e);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new NpyFormatException(path, $"cannot be read ({e.Message})", e);
        }
    }

    /// <summary>Reads an array from a seekable stream; <paramref name="name"/> is the file named in errors.</summary>
    public static NpyArray Read(Stream stream, string name)
    {
        var header = ReadHeader(stream, name);
        var available = stream.Length - stream.Position;
        if (available < header.DataBytes)
        {
            throw new NpyFormatException(name, $"is truncated: shape {ShapeText(header.Shape)} of {header.Descr} needs {header.DataBytes} bytes of data, but the file has {available}");
        }

        if (available > header.DataBytes)
        {
            throw new NpyFormatException(name, $"has {available - header.DataBytes} bytes after the data of shape {ShapeText(header.Shape)} of {header.Descr} ({header.DataBytes} bytes)");
        }

        if (header.DataBytes > Array.MaxLength)
        {
            throw new NpyFormatException(name, $"holds {header.DataBytes} bytes of data, more than one array can take here ({Array.MaxLength})");
        }

        var data = new byte[header.DataBytes];
        stream.ReadExactly(data);
        return new NpyArray(header.DType, header.Shape, data);
    }

    public static void Write(string path, NpyArray array)
    {
        try
        {
            ShapeSafe.IO.AtomicFile.Write(path, stream => Write(stream, array));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NpyFormatException(path, $"cannot be written ({e.Message})", e);
        }
    }

    /// <summary>Writes version 1.0 (2.0 when the header does not fit in 65535 bytes), C order, little-endian.</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        var dict = $"{{'descr': '{Descr(array.DType)}', 'fortran_order': False, 'shape': {ShapeText(array.Shape)}, }}";
        var version = 1;
        var prefix = Magic.Length + 2 + 2;
        var total = Pad(prefix + dict.Length + 1);
        if (total - prefix > ushort.MaxValue)
        {
            version = 2;
            prefix = Magic.Length + 2 + 4;
            total = Pad(prefix + dict.Length + 1);
        }

        var headerText = dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
        stream.Write(Magic);
        stream.WriteByte((byte)version);
        stream.WriteByte(0);
        var length = total - prefix;
        if (version == 1)
        {
            stream.WriteByte((byte)(length & 0xff));
            stream.WriteByte((byte)(length >> 8));
        }
        else
        {
            var bytes = BitConverter.GetBytes((uint)length);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(bytes);
            }

            stream.Write(bytes);
        }

        stream.Write(Encoding.Latin1.GetBytes(headerText));
        stream.Write(array.Data);
    }

    /// <summary>A shape as a Python tuple: (), (3,), (2, 3).</summary>
    public static string ShapeText(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
        _ => "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")",
    };

    private static int Pad(int length) => (length + 63) / 64 * 64;

    private sealed record Header(string Descr, TensorDType DType, long[] Shape, long DataBytes);

    private static Header ReadHeader(Stream stream, string name)
    {
        var start = new byte[Magic.Length + 2];
        if (ReadUpTo(stream, start) < start.Length || !start.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new NpyFormatException(name, "is not a .npy file (it does not start with \\x93NUMPY)");
        }

        var major = start[Magic.Length];
        var minor = start[Magic.Length + 1];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new NpyFormatException(name, $"has .npy format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are supported");
        }

        var lengthBytes = new byte[major == 1 ? 2 : 4];
        if (ReadUpTo(stream, lengthBytes) < lengthBytes.Length)
        {
            throw new NpyFormatException(name, "is truncated inside its header length");
        }

        long headerLength = major == 1 ? lengthBytes[0] | (lengthBytes[1] << 8) : BitConverter.ToUInt32(lengthBytes);
        var remaining = stream.Length - stream.Position;
        if (headerLength > remaining)
        {
            throw new NpyFormatException(name, $"is truncated: its header says {headerLength} bytes, but only {remaining} follow");
        }

        if (headerLength > 16 * 1024 * 1024)
        {
            throw new NpyFormatException(name, $"has a header of {headerLength} bytes, too large to be a .npy header");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, true).GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw new NpyFormatException(name, "has a version 3.0 header that is not valid UTF-8");
        }

        var fields = ParseDict(text, name);
        var descr = Field(fields, "descr", name) as string ?? throw new NpyFormatException(name, $"its header's 'descr' is not a string: {text.Trim()}");
        var fortran = Field(fields, "fortran_order", name) as bool? ?? throw new NpyFormatException(name, "its header's 'fortran_order' is not True or False");
        var shape = Field(fields, "shape", name) as long[] ?? throw new NpyFormatException(name, "its header's 'shape' is not a tuple of sizes");
        if (fields.Count != 3)
        {
            var extra = fields.Keys.Except(["descr", "fortran_order", "shape"]).First();
            throw new NpyFormatException(name, $"its header has an unknown key '{extra}'");
        }

        var dtype = DTypeOf(descr, name);
        if (fortran)
        {
            throw new NpyFormatException(name, "is in Fortran order (fortran_order=True); save it in C order (np.ascontiguousarray)");
        }

        if (shape.Length > MaxRank)
        {
            throw new NpyFormatException(name, $"has {shape.Length} dimensions; at most {MaxRank} are supported");
        }

        var count = TensorDTypes.ElementCount(shape);
        long bytes = 0;
        if (count is { } c)
        {
            try
            {
                bytes = checked(c * dtype.ElementSize());
            }
            catch (OverflowException)
            {
                count = null;
            }
        }

        if (count is null)
        {
            throw new NpyFormatException(name, $"has shape {ShapeText(shape)}, whose size overflows: it cannot describe data in a file");
        }

        return new Header(descr, dtype, shape, bytes);
    }

    private static TensorDType DTypeOf(string descr, string name)
    {
        foreach (var (d, t) in Types)
        {
            if (d == descr || (descr.Length == 3 && descr[0] == '=' && BitConverter.IsLittleEndian && d[1..] == descr[1..])
                || (d[0] == '|' && descr == "<" + d[1..]))
            {
                return t;
            }
        }

        if (descr.StartsWith('>') && descr.Length > 2 && descr[1..] is not "u1" and not "b1" and not "i1")
        {
            throw new NpyFormatException(name, $"holds big-endian data (descr '{descr}'); convert it with a.astype('<{descr[1..]}')");
        }

        if (descr.TrimStart('|', '<', '>', '=').StartsWith('O'))
        {
            throw new NpyFormatException(name, $"holds Python objects (descr '{descr}'), which cannot be read without running Python; save a numeric array");
        }

        throw new NpyFormatException(name, $"has element type '{descr}'; supported are {string.Join(", ", Types.Select(t => t.Descr))}");
    }

    private static object? Field(Dictionary<string, object?> fields, string key, string name) =>
        fields.TryGetValue(key, out var value) ? value : throw new NpyFormatException(name, $"its header has no '{key}'");

    private static int ReadUpTo(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    /// <summary>The header's dict literal: string keys; string, True/False or int-tuple values.</summary>
    private static Dictionary<string, object?> ParseDict(string text, string name)
    {
        var i = 0;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipSpace(text, ref i);
        Expect(text, ref i, '{', name);
        while (true)
        {
            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == '}')
            {
                i++;
                break;
            }

            var key = ParseString(text, ref i, name);
            SkipSpace(text, ref i);
            Expect(text, ref i, ':', name);
            SkipSpace(text, ref i);
            if (!result.TryAdd(key, ParseValue(text, ref i, name)))
            {
                throw new NpyFormatException(name, $"its header gives '{key}' twice");
            }

            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            SkipSpace(text, ref i);
            Expect(text, ref i, '}', name);
            break;
        }

        SkipSpace(text, ref i);
        if (i != text.Length)
        {
            throw new NpyFormatException(name, $"its header has text after the dict: '{text[i..].Trim()}'");
        }

        return result;
    }

    private static object? ParseValue(string text, ref int i, string name)
    {
        if (i >= text.Length)
        {
            throw new NpyFormatException(name, "its header ends inside the dict");
        }

        if (text[i] is '\'' or '"')
        {
            return ParseString(text, ref i, name);
        }

        if (text.AsSpan(i).StartsWith("True"))
        {
            i += 4;
            return true;
        }

        if (text.AsSpan(i).StartsWith("False"))
        {
            i += 5;
            return false;
        }

        if (text[i] == '(')
        {
            i++;
            var sizes = new List<long>();
            while (true)
            {
                SkipSpace(text, ref i);
                if (i < text.Length && text[i] == ')')
                {
                    i++;
                    return sizes.ToArray();
                }

                var begin = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '-'))
                {
                    i++;
                }

                var number = text[begin..i];
                if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
                {
                    throw new NpyFormatException(name, $"its header's shape has '{(number.Length > 0 ? number : text[begin..Math.Min(text.Length, begin + 10)].Trim())}', not a size");
                }

                if (size < 0)
                {
                    throw new NpyFormatException(name, $"its header's shape has the negative size {size}");
                }

                sizes.Add(size);
                SkipSpace(text, ref i);
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                }
                else if (i >= text.Length || text[i] != ')')
                {
                    throw new NpyFormatException(name, "its header's shape is not a closed tuple");
                }
            }
        }

        var end = i;
        while (end < text.Length && text[end] is not ',' and not '}')
        {
            end++;
        }

        var value = text[i..end].Trim();
        if (value.StartsWith('['))
        {
            throw new NpyFormatException(name, $"has a structured element type ({value}); save a plain numeric array");
        }

        throw new NpyFormatException(name, $"its header has the value '{value}', which is not a string, True/False or a tuple");
    }

    private static string ParseString(string text, ref int i, string name)
    {
        if (i >= text.Length || text[i] is not ('\'' or '"'))
        {
            throw new NpyFormatException(name, $"its header is not a dict of quoted keys (at '{Around(text, i)}')");
        }

        var quote = text[i++];
        var begin = i;
        while (i < text.Length && text[i] != quote)
        {
            i++;
        }

        if (i >= text.Length)
        {
            throw new NpyFormatException(name, "its header has an unterminated string");
        }

        return text[begin..i++];
    }

    private static void Expect(string text, ref int i, char c, string name)
    {
        if (i >= text.Length || text[i] != c)
        {
            throw new NpyFormatException(name, $"its header is not a Python dict literal (expected '{c}' at '{Around(text, i)}')");
        }

        i++;
    }

    private static string Around(string text, int i) => i >= text.Length ? "the end" : text[i..Math.Min(text.Length, i + 12)].TrimEnd();

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }
}
