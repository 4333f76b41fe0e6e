namespace ShapeSafe.Diagnostics;

/// <summary>Applies fixes' text edits to the lines of a file (for previews and for <c>check --fix</c>).</summary>
public static class FixApplier
{
    /// <summary>The file's lines after the edits. Edits on one line must not overlap; they are applied right to left.</summary>
    public static IReadOnlyList<string> Apply(IReadOnlyList<string> lines, IEnumerable<TextEdit> edits)
    {
        var result = lines.ToList();
        var ordered = edits.OrderByDescending(e => e.Span.Line).ThenByDescending(e => e.InsertLineBefore ? -1 : e.Span.Column).ToList();
        foreach (var edit in ordered)
        {
            var index = edit.Span.Line - 1;
            if (index < 0 || index > result.Count)
            {
                continue;
            }

            if (edit.InsertLineBefore)
            {
                var indent = index < result.Count ? new string(result[index].TakeWhile(char.IsWhiteSpace).ToArray()) : string.Empty;
                result.Insert(index, indent + edit.NewText);
                continue;
            }

            var line = result[index];
            var start = Math.Clamp(edit.Span.Column - 1, 0, line.Length);
            var end = Math.Clamp(edit.Span.EndColumn - 1, start, line.Length);
            result[index] = line[..start] + edit.NewText + line[end..];
        }

        return result;
    }

    /// <summary>
    /// The first machine-applicable fix of each diagnostic whose edits do not overlap an edit already chosen:
    /// what <c>check --fix</c> applies.
    /// </summary>
    public static IReadOnlyList<Fix> SafeFixes(IEnumerable<Diagnostic> diagnostics)
    {
        var chosen = new List<Fix>();
        var taken = new List<TextEdit>();
        foreach (var fix in diagnostics.Select(d => d.Fixes.FirstOrDefault(f => f.Applicability == Applicability.MachineApplicable)))
        {
            if (fix is null || fix.Edits.Count == 0 || fix.Edits.Any(e => taken.Any(t => Overlaps(e, t))))
            {
                continue;
            }

            chosen.Add(fix);
            taken.AddRange(fix.Edits);
        }

        return chosen;
    }

    private static bool Overlaps(TextEdit a, TextEdit b) =>
        a.Span.Line == b.Span.Line && !a.InsertLineBefore && !b.InsertLineBefore
        && a.Span.Column < b.Span.EndColumn && b.Span.Column < a.Span.EndColumn;
}
