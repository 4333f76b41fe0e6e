using System.Text;
using System.Text.RegularExpressions;

namespace ShapeSafe.Tests.Fuzzing;

/// <summary>Deterministic mutations of a seed file's bytes or text: the same seed gives the same mutant, so every failure reproduces.</summary>
public sealed partial class Mutator
{
    private static readonly string[] HugeNumbers = ["4611686018427387904", "1000000000000000000000000000000", "-1", "0", "2147483647", "9223372036854775807", "1234567890123456789012345678901234567890", "2**62", "10**30"];

    private static readonly string[] Unicodes = ["\U0001F600", "\u0301", "\u202E", "\u200B", "\u0007", "\u001b[31m", "\uFEFF", "é", "中文", "\u00A0", "\uD7FF", "\u2028"];

    private readonly Random _random;

    public Mutator(int seed) => _random = new Random(seed);

    /// <summary>Mutates text: line-based and number-based mutations act on the text, the rest on its UTF-8 bytes.</summary>
    public byte[] MutateText(string text, Mutation mutation) => mutation switch
    {
        Mutation.DuplicateLines => Encoding.UTF8.GetBytes(DuplicateLine(text)),
        Mutation.HugeNumber => Encoding.UTF8.GetBytes(ReplaceNumber(text)),
        Mutation.DeepNesting => Encoding.UTF8.GetBytes(Nest(text)),
        Mutation.Unicode => Encoding.UTF8.GetBytes(Insert(text, Pick(Unicodes))),
        Mutation.Crlf => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")),
        _ => MutateBytes(Encoding.UTF8.GetBytes(text), mutation),
    };

    /// <summary>Mutates bytes; text-only mutations fall back to byte flips.</summary>
    public byte[] MutateBytes(byte[] bytes, Mutation mutation)
    {
        switch (mutation)
        {
            case Mutation.None:
                return [.. bytes];
            case Mutation.Truncate:
                return bytes[.._random.Next(0, bytes.Length + 1)];
            case Mutation.Bom:
                return [0xEF, 0xBB, 0xBF, .. bytes];
            case Mutation.Nul:
            {
                var list = bytes.ToList();
                for (var i = _random.Next(1, 4); i > 0; i--)
                {
                    list.Insert(_random.Next(0, list.Count + 1), 0);
                }

                return [.. list];
            }

            case Mutation.DuplicateLines:
            {
                if (bytes.Length == 0)
                {
                    return bytes;
                }

                var start = _random.Next(bytes.Length);
                var length = Math.Min(bytes.Length - start, _random.Next(1, 256));
                var copies = _random.Next(1, 8);
                var chunk = bytes.AsSpan(start, length).ToArray();
                return [.. bytes[..(start + length)], .. Enumerable.Repeat(chunk, copies).SelectMany(c => c), .. bytes[(start + length)..]];
            }

            default:
            {
                var copy = bytes.ToArray();
                if (copy.Length == 0)
                {
                    return copy;
                }

                for (var i = _random.Next(1, 9); i > 0; i--)
                {
                    copy[_random.Next(copy.Length)] = (byte)_random.Next(256);
                }

                return copy;
            }
        }
    }

    /// <summary>Replaces the bytes of a binary file at an offset with a big-endian huge or zero value (headers, counts, sizes).</summary>
    public byte[] PokeHeader(byte[] bytes, int headerLength)
    {
        var copy = bytes.ToArray();
        if (copy.Length < 4)
        {
            return copy;
        }

        var offset = _random.Next(0, Math.Max(1, Math.Min(headerLength, copy.Length) - 3));
        uint value = _random.Next(6) switch
        {
            0 => 0,
            1 => 0xFFFFFFFF,
            2 => 0x7FFFFFFF,
            3 => 0x40000000,
            4 => 1,
            _ => (uint)_random.Next(),
        };
        copy[offset] = (byte)(value >> 24);
        copy[offset + 1] = (byte)(value >> 16);
        copy[offset + 2] = (byte)(value >> 8);
        copy[offset + 3] = (byte)value;
        return copy;
    }

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string DuplicateLine(string text)
    {
        var lines = text.Split('\n').ToList();
        var at = _random.Next(lines.Count);
        var copies = _random.Next(1, 51);
        lines.InsertRange(at, Enumerable.Repeat(lines[at], copies));
        return string.Join('\n', lines);
    }

    private string ReplaceNumber(string text)
    {
        var numbers = NumberPattern().Matches(text);
        if (numbers.Count == 0)
        {
            return Insert(text, Pick(HugeNumbers));
        }

        var target = numbers[_random.Next(numbers.Count)];
        return string.Concat(text.AsSpan(0, target.Index), Pick(HugeNumbers), text.AsSpan(target.Index + target.Length));
    }

    private string Nest(string text)
    {
        var depth = _random.Next(50, 401);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var at = open >= 0 && _random.Next(4) > 0 ? open + 1 : _random.Next(text.Length + 1);
        var (left, right) = _random.Next(3) switch
        {
            0 => ("(", ")"),
            1 => ("[", "]"),
            _ => ("(", ",)"),
        };
        var inner = _random.Next(2) == 0 ? "1" : string.Empty;
        var nested = string.Concat(Enumerable.Repeat(left, depth)) + inner + string.Concat(Enumerable.Repeat(right, depth));
        return string.Concat(text.AsSpan(0, at), nested, at < text.Length && text[at] != ')' ? ", " : string.Empty, text.AsSpan(at));
    }

    private string Insert(string text, string piece)
    {
        var at = _random.Next(text.Length + 1);
        return string.Concat(text.AsSpan(0, at), piece, text.AsSpan(at));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();
}
