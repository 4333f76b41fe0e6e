using System.Text.RegularExpressions;

namespace ShapeSafe.Tests.Docs;

/// <summary>The <c>```python</c> fenced blocks of a Markdown page: complete Python model files, in page order.</summary>
public static partial class MarkdownPythonBlocks
{
    public static IReadOnlyList<string> Of(string markdown) =>
        Block().Matches(markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).Select(m => m.Groups["body"].Value).ToList();

    [GeneratedRegex(@"^```python\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
