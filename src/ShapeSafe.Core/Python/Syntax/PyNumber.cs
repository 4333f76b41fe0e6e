using System.Globalization;

namespace ShapeSafe.Python.Syntax;

/// <summary>Reads the value of a number token's text: ints in any base (null beyond 64 bits), floats, imaginaries.</summary>
internal static class PyNumber
{
    /// <summary>Parses an int literal; false with a CPython-like message when its digits are invalid for its base.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> s, out long? value, out string? error)
    {
        value = null;
        error = null;
        var radix = 10;
        var i = 0;
        var name = "decimal";
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    name = "hexadecimal";
                    i = 2;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    name = "octal";
                    i = 2;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    name = "binary";
                    i = 2;
                    break;
            }
        }

        if (i == s.Length)
        {
            error = $"invalid {name} literal";
            return false;
        }

        long acc = 0;
        var overflow = false;
        var nonZero = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '_')
            {
                continue;
            }

            var d = c <= '9' ? c - '0' : char.IsAsciiLetter(c) ? (c | 0x20) - 'a' + 10 : 99;
            if (d < 0 || d >= radix)
            {
                error = radix == 10 ? "invalid decimal literal" : $"invalid digit '{c}' in {name} literal";
                return false;
            }

            nonZero |= d != 0;
            if (!overflow)
            {
                if (acc > (long.MaxValue - d) / radix)
                {
                    overflow = true;
                }
                else
                {
                    acc = acc * radix + d;
                }
            }
        }

        if (radix == 10 && s.Length > 1 && s[0] == '0' && nonZero)
        {
            error = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
            return false;
        }

        value = overflow ? null : acc;
        return true;
    }

    /// <summary>Parses a float literal (underscores allowed; huge exponents give infinity as Python does).</summary>
    public static double ParseFloat(ReadOnlySpan<char> s)
    {
        Span<char> buffer = s.Length <= 128 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        foreach (var c in s)
        {
            if (c != '_')
            {
                buffer[n++] = c;
            }
        }

        return double.TryParse(buffer[..n], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0.0;
    }
}
