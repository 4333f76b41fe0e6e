using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Reads symbol values from an ELF64 little-endian shared object's full symbol table (<c>.symtab</c>, which keeps the
/// local symbols that <c>dlsym</c> cannot see). Only the section headers, the symbol table and its string table are read,
/// in chunks.
/// </summary>
internal static class ElfSymbols
{
    private const int SectionHeaderSize = 64;
    private const int SymbolSize = 24;
    private const uint SymbolTableType = 2;
    private const int Chunk = 4 << 20;

    /// <summary>
    /// The value (link-time address) of each of <paramref name="names"/> defined in <paramref name="path"/>'s .symtab; a
    /// name that is absent (or a stripped file, or one that is not ELF64 little-endian) is missing from the result.
    /// </summary>
    public static IReadOnlyDictionary<string, ulong> Find(string path, IReadOnlyCollection<string> names)
    {
        var found = new Dictionary<string, ulong>(StringComparer.Ordinal);
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            Search(file, RandomAccess.GetLength(file), names, found);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            found.Clear();
        }

        return found;
    }

    private static void Search(SafeFileHandle file, long length, IReadOnlyCollection<string> names, Dictionary<string, ulong> found)
    {
        var elf = Read(file, 0, 64);
        if (length < 64 || BinaryPrimitives.ReadUInt32LittleEndian(elf) != 0x464C457F || elf[4] != 2 || elf[5] != 1
            || BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A)) != SectionHeaderSize)
        {
            return;
        }

        var sectionOffset = BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(0x28));
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        if (sectionOffset <= 0 || sectionOffset + ((long)sectionCount * SectionHeaderSize) > length)
        {
            return;
        }

        var sections = Read(file, sectionOffset, sectionCount * SectionHeaderSize);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = sections.AsSpan(i * SectionHeaderSize, SectionHeaderSize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != SymbolTableType)
            {
                continue;
            }

            var link = BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            if (link >= sectionCount)
            {
                return;
            }

            var strings = sections.AsSpan((int)link * SectionHeaderSize, SectionHeaderSize);
            var (stringStart, stringLength) = (BinaryPrimitives.ReadInt64LittleEndian(strings[0x18..]), BinaryPrimitives.ReadInt64LittleEndian(strings[0x20..]));
            var (symbolStart, symbolLength) = (BinaryPrimitives.ReadInt64LittleEndian(header[0x18..]), BinaryPrimitives.ReadInt64LittleEndian(header[0x20..]));
            if (stringStart < 0 || stringLength < 0 || stringStart + stringLength > length || symbolStart < 0 || symbolLength < 0
                || symbolStart + symbolLength > length)
            {
                return;
            }

            var wanted = NameOffsets(file, stringStart, stringLength, names);
            Symbols(file, symbolStart, symbolLength, wanted, found);
            return;
        }
    }

    /// <summary>Walks the symbol table and records the value of each defined symbol whose name offset is wanted.</summary>
    private static void Symbols(SafeFileHandle file, long start, long length, Dictionary<uint, string> wanted, Dictionary<string, ulong> found)
    {
        var perChunk = Chunk / SymbolSize * SymbolSize;
        var buffer = new byte[(int)Math.Min(perChunk, length)];
        for (var offset = 0L; offset + SymbolSize <= length && found.Count < wanted.Count; offset += perChunk)
        {
            var block = buffer.AsSpan(0, (int)Math.Min(perChunk, length - offset));
            ReadInto(file, start + offset, block);
            for (var entry = 0; entry + SymbolSize <= block.Length; entry += SymbolSize)
            {
                var symbol = block.Slice(entry, SymbolSize);
                if (wanted.TryGetValue(BinaryPrimitives.ReadUInt32LittleEndian(symbol), out var name)
                    && BinaryPrimitives.ReadUInt16LittleEndian(symbol[6..]) != 0)
                {
                    found.TryAdd(name, BinaryPrimitives.ReadUInt64LittleEndian(symbol[8..]));
                }
            }
        }
    }

    /// <summary>
    /// The string-table offset of each wanted name (its first exact, NUL-delimited occurrence). The table is read in
    /// chunks into one buffer, and each name is searched with its terminating NUL only (a leading NUL would match at every
    /// string boundary and defeat the vectorized search); the byte before a hit is checked instead.
    /// </summary>
    private static Dictionary<uint, string> NameOffsets(SafeFileHandle file, long start, long length, IReadOnlyCollection<string> names)
    {
        var patterns = names.Select(n => (Name: n, Bytes: Encoding.ASCII.GetBytes(n + "\0"))).ToList();
        var overlap = patterns.Max(p => p.Bytes.Length) + 1;
        var offsets = new Dictionary<uint, string>();
        var buffer = new byte[Chunk + overlap];
        for (var offset = 0L; offset < length && patterns.Count > 0; offset += Chunk)
        {
            var count = (int)Math.Min(Chunk + overlap, length - offset);
            ReadInto(file, start + offset, buffer.AsSpan(0, count));
            var block = buffer.AsSpan(0, count);
            foreach (var pattern in patterns.ToList())
            {
                if (FirstWholeName(block, pattern.Bytes, offset == 0) is var at and >= 0 and < Chunk)
                {
                    offsets[(uint)(offset + at)] = pattern.Name;
                    patterns.Remove(pattern);
                }
            }
        }

        return offsets;
    }

    /// <summary>The first index of <paramref name="name"/> (NUL-terminated) that starts a string: preceded by a NUL.</summary>
    private static int FirstWholeName(ReadOnlySpan<byte> block, ReadOnlySpan<byte> name, bool atTableStart)
    {
        for (var from = 0; from < block.Length;)
        {
            var at = block[from..].IndexOf(name);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            if ((at == 0 && atTableStart) || (at > 0 && block[at - 1] == 0))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static byte[] Read(SafeFileHandle file, long offset, int count)
    {
        var buffer = new byte[count];
        ReadInto(file, offset, buffer);
        return buffer;
    }

    private static void ReadInto(SafeFileHandle file, long offset, Span<byte> buffer)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[done..], offset + done);
            if (read == 0)
            {
                throw new IOException("the file ended inside its own section table");
            }

            done += read;
        }
    }
}
