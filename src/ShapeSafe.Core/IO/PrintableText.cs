using System.Globalization;
using System.Text;

namespace ShapeSafe.IO;

/// <summary>
/// Makes text from files (class names from folder names, file names) safe to print on a terminal: control characters
/// (ANSI escape sequences start with ESC, 0x1b) and other invisible format characters are written as <c>\xNN</c> or
/// <c>\uNNNN</c>, so they cannot move the cursor, recolor or hide output. Markup escaping (Spectre's) is not enough:
/// it leaves control characters alone.
/// </summary>
public static class PrintableText
{
    /// <summary>The longest text printed whole; longer text is cut with "..." and its length.</summary>
    public const int MaxLength = 200;

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var needs = text.Length > MaxLength;
        foreach (var c in text)
        {
            needs |= IsUnsafe(c);
        }

        if (!needs)
        {
            return text;
        }

        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var builder = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
            else if (c <= 0xff)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        if (text.Length > MaxLength)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length} characters)");
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
