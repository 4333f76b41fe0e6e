namespace ShapeSafe.Syntax;

/// <summary>Splits one model-file line into Python-like tokens (names, numbers, strings, punctuation); comments end the line.</summary>
internal static class LineTokenizer
{
    public static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>(16);
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                break;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, line[start..i], start, i));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < line.Length && char.IsDigit(line[i + 1])))
            {
                tokens.Add(Number(line, ref i));
            }
            else if (c is '\'' or '"')
            {
                var start = i++;
                while (i < line.Length && line[i] != c)
                {
                    i++;
                }

                if (i >= line.Length)
                {
                    throw new SyntaxError("unterminated string", start, line.Length);
                }

                i++;
                tokens.Add(new Token(TokenKind.String, line[(start + 1)..(i - 1)], start, i));
            }
            else
            {
                var op = Operator(c, i + 1 < line.Length ? line[i + 1] : '\0')
                    ?? throw new SyntaxError($"unexpected character '{c}'", i, i + 1);
                tokens.Add(new Token(TokenKind.Punct, op, i, i + op.Length));
                i += op.Length;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, line.Length, line.Length));
        return tokens;
    }

    /// <summary>The operator starting with <paramref name="c"/> (two characters for ** and //), or null.</summary>
    private static string? Operator(char c, char next) => c switch
    {
        '*' => next == '*' ? "**" : "*",
        '/' => next == '/' ? "//" : "/",
        '(' => "(",
        ')' => ")",
        '[' => "[",
        ']' => "]",
        ',' => ",",
        '=' => "=",
        '+' => "+",
        '-' => "-",
        '%' => "%",
        '.' => ".",
        ':' => ":",
        _ => null,
    };

    private static Token Number(string line, ref int i)
    {
        var start = i;
        var isFloat = false;
        while (i < line.Length && (char.IsDigit(line[i]) || line[i] == '_'))
        {
            i++;
        }

        if (i < line.Length && line[i] == '.')
        {
            isFloat = true;
            i++;
            while (i < line.Length && char.IsDigit(line[i]))
            {
                i++;
            }
        }

        if (i < line.Length && (line[i] is 'e' or 'E'))
        {
            var save = i;
            i++;
            if (i < line.Length && line[i] is '+' or '-')
            {
                i++;
            }

            if (i < line.Length && char.IsDigit(line[i]))
            {
                isFloat = true;
                while (i < line.Length && char.IsDigit(line[i]))
                {
                    i++;
                }
            }
            else
            {
                i = save;
            }
        }

        if (i < line.Length && (char.IsLetter(line[i]) || line[i] == '_'))
        {
            throw new SyntaxError($"invalid number '{line[start..(i + 1)]}'", start, i + 1);
        }

        return new Token(isFloat ? TokenKind.Float : TokenKind.Int, line[start..i].Replace("_", string.Empty, StringComparison.Ordinal), start, i);
    }
}
