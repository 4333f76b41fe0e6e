using ShapeSafe.Syntax;

namespace ShapeSafe.Python.Syntax;

/// <summary>
/// A source file's text with its line starts, for turning UTF-16 offsets into 1-based lines and columns. Line ends are
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a leading byte-order mark is not part of line 1 (offset 0 is then column 1 too).
/// </summary>
public sealed class SourceText
{
    private readonly int[] lineStarts;

    public SourceText(string text)
    {
        Text = text ?? string.Empty;
        HasBom = Text.Length > 0 && Text[0] == '\uFEFF';
        var starts = new List<int>(Text.Length / 32 + 1) { HasBom ? 1 : 0 };
        var s = Text;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        lineStarts = starts.ToArray();
    }

    /// <summary>The whole text, byte-order mark included when the file had one.</summary>
    public string Text { get; }

    /// <summary>True when the text starts with U+FEFF.</summary>
    public bool HasBom { get; }

    /// <summary>The number of lines; a final line end starts one more (empty) line, as editors count.</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The 1-based line that holds <paramref name="offset"/> (clamped to the text).</summary>
    public int LineOf(int offset)
    {
        if (offset <= lineStarts[0])
        {
            return 1;
        }

        var lo = 0;
        var hi = lineStarts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (lineStarts[mid] <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo + 1;
    }

    /// <summary>1-based line and column of <paramref name="offset"/>; the column counts UTF-16 chars.</summary>
    public (int Line, int Column) LineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = LineOf(offset);
        var column = Math.Max(offset - lineStarts[line - 1], 0) + 1;
        return (line, column);
    }

    /// <summary>The range of line <paramref name="line"/> (1-based) without its line end; empty past the last line.</summary>
    public TextRange LineRange(int line)
    {
        if (line < 1 || line > lineStarts.Length)
        {
            return new TextRange(Text.Length, Text.Length);
        }

        var start = lineStarts[line - 1];
        var end = line < lineStarts.Length ? lineStarts[line] : Text.Length;
        if (end > start && Text[end - 1] == '\n')
        {
            end--;
        }

        if (end > start && Text[end - 1] == '\r')
        {
            end--;
        }

        return new TextRange(start, end);
    }

    /// <summary>The text of line <paramref name="line"/> (1-based) without its line end.</summary>
    public string LineText(int line)
    {
        var r = LineRange(line);
        return Text.Substring(r.Start, r.Length);
    }

    /// <summary>The text a range covers (clamped to the text).</summary>
    public string Slice(TextRange range)
    {
        var start = Math.Clamp(range.Start, 0, Text.Length);
        var end = Math.Clamp(range.End, start, Text.Length);
        return Text.Substring(start, end - start);
    }

    /// <summary>A single-line <see cref="SourceSpan"/> for <paramref name="range"/>: a range that runs over several lines is clipped to the end of its first line.</summary>
    public SourceSpan ToSpan(TextRange range)
    {
        var (line, column) = LineColumn(range.Start);
        var lineRange = LineRange(line);
        var end = Math.Min(Math.Max(range.End, range.Start), lineRange.End);
        var endColumn = Math.Max(end - lineStarts[line - 1] + 1, column);
        return new SourceSpan(line, column, endColumn);
    }
}
