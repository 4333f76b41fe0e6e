using System.Globalization;

namespace ShapeSafe.Tests.Differential;

/// <summary>
/// Reads the stack text <see cref="StackGenerator"/> writes (an `input AxBx...` line, then one `[name =] nn.Type(args)`
/// or bare `name` line per layer) without the engine's parser: the reference side of the differential test.
/// A bare name reuses the module bound to that name, as a Sequential built from the model file does.
/// </summary>
internal static class ReferenceParser
{
    public static (long[] Input, List<ReferenceCall> Layers) Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = lines[0]["input ".Length..].Split('x').Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var named = new Dictionary<string, ReferenceCall>(StringComparer.Ordinal);
        var layers = new List<ReferenceCall>();
        foreach (var line in lines.Skip(1))
        {
            if (!line.Contains('(', StringComparison.Ordinal))
            {
                layers.Add(named[line]);
                continue;
            }

            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            var name = equals > 0 ? line[..equals] : null;
            var call = equals > 0 ? line[(equals + 3)..] : line;
            var open = call.IndexOf('(', StringComparison.Ordinal);
            var type = call[..open].Replace("nn.", string.Empty, StringComparison.Ordinal);
            var (positional, keywords) = Arguments(call[(open + 1)..^1]);
            var parsed = new ReferenceCall(name, type, positional, keywords);
            if (name is not null)
            {
                named[name] = parsed;
            }

            layers.Add(parsed);
        }

        return (input, layers);
    }

    private static (List<object?>, Dictionary<string, object?>) Arguments(string text)
    {
        var positional = new List<object?>();
        var keywords = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var part in SplitTopLevel(text))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !part.StartsWith('\'') && !part.StartsWith('('))
            {
                keywords[part[..equals].Trim()] = Value(part[(equals + 1)..].Trim());
            }
            else
            {
                positional.Add(Value(part));
            }
        }

        return (positional, keywords);
    }

    private static object? Value(string text) => text switch
    {
        "None" => null,
        "True" => true,
        "False" => false,
        _ when text.StartsWith('\'') => text[1..^1],
        _ when text.StartsWith('(') => SplitTopLevel(text[1..^1]).Select(Value).ToList(),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
            }
        }

        parts.Add(text[start..].Trim());
        return parts.Where(p => p.Length > 0).ToList();
    }
}
