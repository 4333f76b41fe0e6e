namespace ShapeSafe.Torch.Data;

/// <summary>
/// Checks a data file before it is opened: it must exist and be a regular, non-empty file. A pipe (FIFO), a device
/// or a socket reports a length of 0 and would block or never end when read, so it is refused with its name.
/// </summary>
public static class DataFiles
{
    /// <summary>Throws a <see cref="DataException"/> naming <paramref name="path"/> when it cannot be read as a data file; returns its length.</summary>
    public static long RequireRegular(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DataException(path, "is a folder, not a file");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is { } target && !LinkResolves(info))
        {
            throw new DataException(path, $"is a link to {target}, which does not exist");
        }

        if (!info.Exists)
        {
            throw new DataException(path, "does not exist");
        }

        if (info.Length == 0)
        {
            throw new DataException(path, "is empty, or not a regular file (a pipe, device or socket cannot be read as data)");
        }

        return info.Length;
    }

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
