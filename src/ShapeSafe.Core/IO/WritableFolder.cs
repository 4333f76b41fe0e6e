using System.Text;

namespace ShapeSafe.IO;

/// <summary>
/// Checks, before any work starts, that a folder can be created (if needed) and written: a path that is a file, lies
/// under a file, is a dangling link, is too long, holds a NUL, or is in a place that cannot be written (read-only,
/// no permission, <c>/proc</c>) gives a problem in words naming the path. Leaves nothing behind: folders it created to
/// probe are removed again.
/// </summary>
public static class WritableFolder
{
    /// <summary>The longest path accepted (Linux's PATH_MAX less the terminating NUL).</summary>
    public const int MaxPathBytes = 4095;

    /// <summary>The longest name of one folder (NAME_MAX on common file systems).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The problem with <paramref name="path"/> as a folder to write into, or null when it is usable.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "the output folder is empty";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return $"{path.Replace("\0", "\\0", StringComparison.Ordinal)}: a path cannot hold a NUL character";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"{path}: not a valid path ({e.Message})";
        }

        if (Encoding.UTF8.GetByteCount(full) > MaxPathBytes)
        {
            return $"{Shorten(path)}: the path is too long ({Encoding.UTF8.GetByteCount(full)} bytes, at most {MaxPathBytes})";
        }

        if (full.Split(Path.DirectorySeparatorChar).FirstOrDefault(n => Encoding.UTF8.GetByteCount(n) > MaxNameBytes) is { } longName)
        {
            return $"{Shorten(path)}: the name {Shorten(longName)} is too long ({Encoding.UTF8.GetByteCount(longName)} bytes, at most {MaxNameBytes})";
        }

        // Walk up to the first part that exists: it must be a folder (not a file, not a dangling link).
        var missing = new Stack<string>();
        var current = full;
        while (!Directory.Exists(current))
        {
            var info = new FileInfo(current);
            if (info.LinkTarget is { } target && !LinkResolves(info))
            {
                return $"{path}: {current} is a link to {target}, which does not exist";
            }

            if (info.Exists)
            {
                return current == full ? $"{path}: is a file, not a folder" : $"{path}: {current} is a file, so no folder can be made under it";
            }

            missing.Push(current);
            var parent = Path.GetDirectoryName(current);
            if (parent is null || parent == current)
            {
                return $"{path}: no part of it exists";
            }

            current = parent;
        }

        var created = new List<string>();
        try
        {
            while (missing.TryPop(out var folder))
            {
                Directory.CreateDirectory(folder);
                created.Add(folder);
            }

            var probe = Path.Combine(full, $".write-probe.{Guid.NewGuid():N}{AtomicFile.TemporarySuffix}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{path}: cannot be written ({e.Message.TrimEnd('.')})";
        }
        finally
        {
            for (var i = created.Count - 1; i >= 0; i--)
            {
                try
                {
                    Directory.Delete(created[i]);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Not empty or gone: leave it.
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : $"{text[..40]}...{text[^20..]}";

    /// <summary>True when a link's final target exists; a loop of links or an unreadable one does not resolve.</summary>
    private static bool LinkResolves(FileInfo link)
    {
        try
        {
            return link.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
