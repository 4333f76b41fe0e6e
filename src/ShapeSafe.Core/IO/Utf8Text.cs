namespace ShapeSafe.IO;

/// <summary>
/// Source text as the parsers see it: a UTF-8 byte-order mark at the start (as some Windows editors write it) is not
/// part of the text, so it neither breaks the first line nor shifts its columns.
/// </summary>
public static class Utf8Text
{
    /// <summary>The byte-order mark U+FEFF as decoded from UTF-8.</summary>
    public const char ByteOrderMark = '\uFEFF';

    /// <summary>The text without a leading byte-order mark.</summary>
    public static string WithoutByteOrderMark(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] == ByteOrderMark ? text[1..] : text;
    }

    /// <summary>True when the file's first bytes are UTF-8's byte-order mark (EF BB BF), so a rewrite can keep it.</summary>
    public static bool FileStartsWithByteOrderMark(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> head = stackalloc byte[3];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.ReadAtLeast(head, 3, throwOnEndOfStream: false) == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    }
}
