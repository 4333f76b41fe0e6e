using ShapeSafe.Diagnostics;

namespace ShapeSafe.Checking;

/// <summary>What <c>--fix</c> would write: the file's new text (line ends and final newline kept) and the fixes applied.</summary>
public sealed record FixedText(string Text, IReadOnlyList<Fix> Applied);
