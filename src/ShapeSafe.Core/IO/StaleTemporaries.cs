using System.Text.RegularExpressions;

namespace ShapeSafe.IO;

/// <summary>
/// Removes the temporary files a killed process left in a folder: only regular files whose names match
/// <see cref="AtomicFile"/>'s exact pattern (<c>.NAME.32-hex-digits.shapesafe-tmp</c>, or <c>.tmp</c> as older versions
/// wrote checkpoints), never a link (which is not followed) or a folder, and never anything in subfolders.
/// </summary>
public static partial class StaleTemporaries
{
    /// <summary>Deletes the stale temporaries directly in <paramref name="folder"/>; returns their names. A missing folder has none.</summary>
    public static IReadOnlyList<string> Remove(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (!Matches(info.Name) || info is not FileInfo || info.LinkTarget is not null || (info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            try
            {
                info.Delete();
                removed.Add(info.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may hold it or have removed it: it is not ours to fight over.
            }
        }

        return removed;
    }

    /// <summary>True for a name <see cref="AtomicFile"/> (or an older checkpoint writer) gives its temporary files.</summary>
    public static bool Matches(string name) => TemporaryName().IsMatch(name);

    [GeneratedRegex(@"^\.[^/]+\.[0-9a-f]{32}\.(shapesafe-tmp|tmp)$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();
}
