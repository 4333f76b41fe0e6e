using System.Text;

namespace ShapeSafe.IO;

/// <summary>
/// Replaces a file's content atomically: the content goes to a temporary file with a unique name, created exclusively
/// (never through an existing file or link) in the target's folder, flushed to disk, then renamed over the target. A
/// failure leaves the target as it was and no temporary file behind. I/O errors propagate for the caller to name.
/// </summary>
public static class AtomicFile
{
    /// <summary>The end of every temporary file's name: <c>.NAME.GUID.shapesafe-tmp</c> (see <see cref="StaleTemporaries"/>).</summary>
    public const string TemporarySuffix = ".shapesafe-tmp";

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));
}
