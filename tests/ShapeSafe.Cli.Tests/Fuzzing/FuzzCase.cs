namespace ShapeSafe.Tests.Fuzzing;

/// <summary>
/// One fuzzing case: its family (what is mutated), its index and seed (the whole case is a function of them),
/// the mutation, the seed file it started from, and the command line that runs it (paths inside the case's folder).
/// </summary>
public sealed record FuzzCase(string Family, int Index, int Seed, Mutation Mutation, string Source, string[] Args)
{
    /// <summary>How to reproduce this case: the family, index, seed, mutation, seed file and command.</summary>
    public string Describe() =>
        $"{Family} case {Index} (seed {Seed}, {Mutation} of {Source}): shapesafe {string.Join(' ', Args.Select(Quote))}";

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:".Contains(c)) ? arg : "'" + Escape(arg) + "'";

    private static string Escape(string arg)
    {
        var shown = arg.Length > 200 ? arg[..200] + $"...({arg.Length} chars)" : arg;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
