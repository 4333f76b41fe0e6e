using System.Text;

namespace ShapeSafe.Torch.Native;

/// <summary>
/// Reads the symbol-version needs of an ELF shared library (its SHT_GNU_verneed section): which
/// versions, such as GLIBCXX_3.4.32, it asks of which library, and whether the need is weak (a weak
/// need does not stop the loader). Used to explain why the loader refuses libLibTorchSharp.so.
/// </summary>
internal static class ElfVersionNeeds
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>One version need: the version name and whether it is marked weak.</summary>
    internal readonly record struct Need(string Version, bool Weak);

    /// <summary>The versions <paramref name="elfPath"/> needs from <paramref name="library"/> (e.g. libstdc++.so.6); empty when it is not a 64-bit little-endian ELF file.</summary>
    public static IReadOnlyList<Need> Read(string elfPath, string library)
    {
        var needs = new List<Need>();
        var bytes = File.ReadAllBytes(elfPath);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
        {
            return needs;
        }

        try
        {
            var shoff = checked((int)BitConverter.ToUInt64(bytes, 0x28));
            var shentsize = BitConverter.ToUInt16(bytes, 0x3A);
            var shnum = BitConverter.ToUInt16(bytes, 0x3C);
            for (var i = 0; i < shnum; i++)
            {
                var sh = shoff + (i * shentsize);
                if (BitConverter.ToUInt32(bytes, sh + 4) != ShtGnuVerneed)
                {
                    continue;
                }

                var offset = checked((int)BitConverter.ToUInt64(bytes, sh + 0x18));
                var link = BitConverter.ToUInt32(bytes, sh + 0x28);
                var count = BitConverter.ToUInt32(bytes, sh + 0x2C);
                var strtab = checked((int)BitConverter.ToUInt64(bytes, checked((int)(shoff + (link * shentsize) + 0x18))));
                var need = offset;
                for (var n = 0; n < count; n++)
                {
                    var file = ReadString(bytes, strtab + (int)BitConverter.ToUInt32(bytes, need + 4));
                    var auxCount = BitConverter.ToUInt16(bytes, need + 2);
                    var aux = need + (int)BitConverter.ToUInt32(bytes, need + 8);
                    for (var a = 0; a < auxCount; a++)
                    {
                        if (file == library)
                        {
                            var flags = BitConverter.ToUInt16(bytes, aux + 4);
                            needs.Add(new Need(ReadString(bytes, strtab + (int)BitConverter.ToUInt32(bytes, aux + 8)), (flags & VerFlgWeak) != 0));
                        }

                        aux += (int)BitConverter.ToUInt32(bytes, aux + 12);
                    }

                    need += (int)BitConverter.ToUInt32(bytes, need + 12);
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            // A truncated or odd file: report what was read so far.
        }

        return needs;
    }

    /// <summary>True when the library file defines the version (its name appears among its strings).</summary>
    public static bool Defines(string libraryPath, string version)
    {
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(libraryPath));
        return text.Contains(version + "\0", StringComparison.Ordinal);
    }

    private static string ReadString(byte[] bytes, int offset)
    {
        var end = offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }
}
