using System.Text.RegularExpressions;

namespace ShapeSafe.Explain;

/// <summary>
/// An error message as pasted: possibly with a "RuntimeError: " prefix, log noise, ANSI colors and a
/// native stack. Keeps the first <see cref="MaxChars"/> characters and splits them into trimmed lines,
/// each cut to <see cref="MaxLineChars"/> so that no line can make a recognizer slow.
/// </summary>
public sealed partial class ErrorText
{
    /// <summary>The most characters of input looked at (1 MiB of text).</summary>
    public const int MaxChars = 1 << 20;

    /// <summary>The most characters of one line looked at.</summary>
    public const int MaxLineChars = 4096;

    private ErrorText(string raw, string text, IReadOnlyList<string> lines)
    {
        Raw = raw;
        Text = text;
        Lines = lines;
    }

    /// <summary>The input as given, capped at <see cref="MaxChars"/>.</summary>
    public string Raw { get; }

    /// <summary>The input without ANSI escapes, with escaped newlines (<c>\n</c> written out) made real.</summary>
    public string Text { get; }

    /// <summary>The non-empty lines of <see cref="Text"/>, trimmed and cut to <see cref="MaxLineChars"/>.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>True when the input holds NUL or many other control characters: binary data, not a message.</summary>
    public bool LooksBinary { get; private init; }

    public static ErrorText From(string? input)
    {
        var raw = input ?? string.Empty;
        if (raw.Length > MaxChars)
        {
            raw = raw[..MaxChars];
        }

        var control = 0;
        foreach (var c in raw)
        {
            if (c == '\0')
            {
                control = int.MaxValue / 2;
                break;
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\u001b'))
            {
                control++;
            }
        }

        var text = AnsiEscape().Replace(raw, string.Empty);

        // Logs written as JSON keep a message's newlines as the two characters \n.
        if (!text.Contains('\n') && text.Contains("\\n", StringComparison.Ordinal))
        {
            text = text.Replace("\\r\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        }

        var lines = text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Length > MaxLineChars ? l[..MaxLineChars] : l)
            .ToArray();
        return new ErrorText(raw, text, lines) { LooksBinary = control > 0 && control * 20 > Math.Max(1, raw.Length) || control >= int.MaxValue / 2 };
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AnsiEscape();
}
