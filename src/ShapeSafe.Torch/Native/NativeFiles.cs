using System.Runtime.InteropServices;

namespace ShapeSafe.Torch.Native;

/// <summary>Where the native files live, which are loaded in this process, and the loader's own words when one fails.</summary>
internal static class NativeFiles
{
    public const string LibTorchSharp = "libLibTorchSharp.so";

    /// <summary>The folders a build or publish puts native files in: runtimes/linux-x64/native (build), then the app folder (publish).</summary>
    public static IReadOnlyList<string> OutputFolders(string baseDirectory) =>
        [Path.Combine(baseDirectory, "runtimes", "linux-x64", "native"), baseDirectory.TrimEnd(Path.DirectorySeparatorChar)];

    /// <summary>The first of <paramref name="folders"/> holding <paramref name="fileName"/>, or null.</summary>
    public static string? Find(IEnumerable<string> folders, string fileName) =>
        folders.Select(f => Path.Combine(f, fileName)).FirstOrDefault(File.Exists);

    /// <summary>The system's libstdc++.so.6, where the loader finds it on Debian and similar systems.</summary>
    public static string? SystemLibStdCxx() =>
        new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" }
            .Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);

    /// <summary>The folder from which a library of this file name is mapped into this process, or null when none is (Linux only).</summary>
    public static string? LoadedFrom(string fileName)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.EndsWith("/" + fileName, StringComparison.Ordinal))
            {
                return Path.GetDirectoryName(line[slash..]);
            }
        }

        return null;
    }

    /// <summary>Loads a library by path; on failure returns the loader's message (e.g. "version `GLIBCXX_3.4.32' not found").</summary>
    public static string? TryLoad(string path)
    {
        try
        {
            NativeLibrary.Load(path);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return LoaderText(e.Message);
        }
        catch (BadImageFormatException e)
        {
            return LoaderText(e.Message);
        }
    }

    /// <summary>.NET prefixes the loader's text with advice about strace and LD_DEBUG; keep the loader's own lines.</summary>
    public static string LoaderText(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var own = lines.Where(l => !l.StartsWith("Unable to load shared library", StringComparison.Ordinal)).ToArray();
        return own.Length > 0 ? string.Join("; ", own) : lines.FirstOrDefault() ?? message;
    }
}
