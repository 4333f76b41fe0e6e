using System.Text;

namespace ShapeSafe.Tests.Interop;

/// <summary>Paths and byte builders for the interop tests: the repository's examples and fixtures, hand-made .npy headers.</summary>
internal static class InteropFiles
{
    public static string Root { get; } = FindRoot();

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    public static string Fixture(string name) => Path.Combine(Root, "tests", "interop", "fixtures", name);

    /// <summary>A .npy file's bytes: magic, version, header length (2 or 4 bytes), the dict padded to 64 bytes, then <paramref name="data"/>.</summary>
    public static byte[] Npy(string dict, byte[] data, int major = 1)
    {
        var prefix = 6 + 2 + (major == 1 ? 2 : 4);
        var total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        var header = dict + new string(' ', total - prefix - dict.Length - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var length = header.Length;
        if (major == 1)
        {
            stream.Write([(byte)(length & 0xff), (byte)(length >> 8)]);
        }
        else
        {
            stream.Write(BitConverter.GetBytes((uint)length));
        }

        stream.Write(Encoding.UTF8.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeSafe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (ShapeSafe.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
