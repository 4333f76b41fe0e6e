using System.Text.RegularExpressions;

namespace ShapeSafe.Tests.Docs;

/// <summary>The <c>```model</c> fenced blocks of a Markdown page: complete model files, in page order.</summary>
public static partial class MarkdownModelBlocks
{
    public static IReadOnlyList<string> Of(string markdown) =>
        Block().Matches(markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).Select(m => m.Groups["body"].Value).ToList();

    [GeneratedRegex(@"^```model\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
