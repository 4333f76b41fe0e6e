using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ShapeSafe.IO;

/// <summary>
/// Reads a model or .py file as text without trusting it: a folder, a FIFO or a socket is refused by name without
/// blocking on it, a file whose size is over <see cref="MaxBytes"/> is refused before reading, and no more than that is
/// ever read (a device such as /dev/zero claims size 0 and never ends). UTF-8, invalid bytes replaced, a leading
/// byte-order mark dropped.
/// </summary>
public static class SourceFile
{
    /// <summary>The largest file read: 8 MiB, far beyond any real model (docs/model-files.md, "Limits").</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private const int OpenReadOnlyNonBlocking = 0x800; // O_RDONLY | O_NONBLOCK on Linux (x64 and arm64)

    /// <summary>The text of <paramref name="path"/>; a <see cref="SourceFileException"/> with a one-line reason otherwise.</summary>
    public static string ReadText(string path, int maxBytes = MaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new SourceFileException("''", "is not a file name: the path is empty");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new SourceFileException(path.Replace("\0", "\\0", StringComparison.Ordinal), "is not a file name: it contains a NUL character");
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw new SourceFileException(path, "is a folder, not a model file");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new SourceFileException(path, "no such file");
            }

            if (info.Length > maxBytes)
            {
                throw new SourceFileException(path, $"{info.Length} bytes is too large for a model file (at most {maxBytes})");
            }

            using var stream = Open(path);
            if (!stream.CanSeek)
            {
                throw new SourceFileException(path, "is a pipe or socket, not a model file; only a file on disk is read");
            }

            var buffer = new byte[(int)Math.Min(maxBytes + 1L, Math.Max(info.Length + 1, 4096))];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw new SourceFileException(path, $"is larger than {maxBytes} bytes, too large for a model file (reading stopped there)");
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                }

                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Utf8Text.WithoutByteOrderMark(new UTF8Encoding(false, false).GetString(buffer, 0, length));
        }
        catch (Exception e) when (e is (IOException and not SourceFileException) or UnauthorizedAccessException)
        {
            throw new SourceFileException(path, $"cannot be read ({e.Message})");
        }
    }

    /// <summary>Opens for reading without waiting: opening a FIFO that has no writer would otherwise block forever.</summary>
    private static FileStream Open(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        }

        var fd = NativeOpen(path, OpenReadOnlyNonBlocking);
        if (fd < 0)
        {
            throw new SourceFileException(path, $"cannot be opened ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
