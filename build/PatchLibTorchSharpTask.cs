// Compiled into an MSBuild task at build time by RoslynCodeTaskFactory (build/LibTorchSharp.targets).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

/// <summary>
/// Marks version needs of an ELF shared library as weak (VER_FLG_WEAK) when the system's library
/// does not define that version. TorchSharp's libLibTorchSharp.so asks for GLIBCXX_3.4.32 for one
/// marker symbol it never calls; Debian 12's libstdc++ stops at 3.4.30, and without this the
/// loader refuses the library.
/// </summary>
public class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
{
    /// <summary>The copies of libLibTorchSharp.so in the build or publish output.</summary>
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    public override bool Execute()
    {
        var system = FindSystemLibStdCxx();
        if (system == null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "ShapeSafe: no system libstdc++.so.6 found; libLibTorchSharp.so left as it is.");
            return true;
        }

        var defined = DefinedBy(system);
        foreach (var item in Files)
        {
            var weakened = WeakenMissing(item.ItemSpec, "libstdc++.so.6", defined);
            if (weakened.Count > 0)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    "ShapeSafe: " + system + " lacks " + string.Join(", ", weakened) + "; marked weak in " + item.ItemSpec);
            }
        }

        return true;
    }

    private static string FindSystemLibStdCxx()
    {
        foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
        {
            var path = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Returns the version names that were marked weak (empty when nothing was needed).</summary>
    public static List<string> WeakenMissing(string elfPath, string libraryName, Func<string, bool> systemDefines)
    {
        var weakened = new List<string>();
        var bytes = File.ReadAllBytes(elfPath);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F' || bytes[4] != 2 || bytes[5] != 1)
        {
            return weakened; // not a 64-bit little-endian ELF: nothing this patch knows how to do
        }

        var shoff = (long)BitConverter.ToUInt64(bytes, 0x28);
        var shentsize = BitConverter.ToUInt16(bytes, 0x3A);
        var shnum = BitConverter.ToUInt16(bytes, 0x3C);
        var changed = false;
        for (var i = 0; i < shnum; i++)
        {
            var sh = shoff + (i * shentsize);
            if (BitConverter.ToUInt32(bytes, (int)sh + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = (long)BitConverter.ToUInt64(bytes, (int)sh + 0x18);
            var link = BitConverter.ToUInt32(bytes, (int)sh + 0x28);
            var count = BitConverter.ToUInt32(bytes, (int)sh + 0x2C);
            var strtab = (long)BitConverter.ToUInt64(bytes, (int)(shoff + (link * shentsize) + 0x18));
            var need = offset;
            for (var n = 0; n < count; n++)
            {
                var file = ReadString(bytes, strtab + BitConverter.ToUInt32(bytes, (int)need + 4));
                var auxCount = BitConverter.ToUInt16(bytes, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(bytes, (int)need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadString(bytes, strtab + BitConverter.ToUInt32(bytes, (int)aux + 8));
                    var flags = BitConverter.ToUInt16(bytes, (int)aux + 4);
                    if (file == libraryName && (flags & VerFlgWeak) == 0 && !systemDefines(name))
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(bytes, (int)aux + 4);
                        weakened.Add(name);
                        changed = true;
                    }

                    aux += BitConverter.ToUInt32(bytes, (int)aux + 12);
                }

                need += BitConverter.ToUInt32(bytes, (int)need + 12);
            }
        }

        if (changed)
        {
            var temp = elfPath + ".patching";
            File.WriteAllBytes(temp, bytes);
            File.Delete(elfPath);
            File.Move(temp, elfPath);
        }

        return weakened;
    }

    /// <summary>A predicate telling whether the system library defines a version (its name appears among its strings).</summary>
    public static Func<string, bool> DefinedBy(string systemLibraryPath)
    {
        var text = Encoding.ASCII.GetString(File.ReadAllBytes(systemLibraryPath));
        return version => text.Contains(version + "\0");
    }

    private static string ReadString(byte[] bytes, long offset)
    {
        var end = (int)offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
