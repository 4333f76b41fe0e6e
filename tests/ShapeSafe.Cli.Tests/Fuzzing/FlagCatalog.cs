namespace ShapeSafe.Tests.Fuzzing;

/// <summary>
/// Flag combinations for the fuzzing suite: a valid command line per command, one of whose options gets an absurd
/// value (huge, negative, zero, NaN, infinity, empty, text, unicode, a path that cannot be used), or an unknown,
/// repeated or value-less option. The case's family is "flags/COMMAND --OPTION", so a failure names the option.
/// </summary>
public sealed class FlagCatalog
{
    private static readonly (Mutation Kind, string Value)[] Values =
    [
        (Mutation.HugeNumber, "2147483647"), (Mutation.HugeNumber, "4611686018427387904"), (Mutation.HugeNumber, "1e300"),
        (Mutation.HugeNumber, "-1"), (Mutation.HugeNumber, "0"), (Mutation.HugeNumber, "-0"),
        (Mutation.ByteFlip, "NaN"), (Mutation.ByteFlip, "Infinity"), (Mutation.ByteFlip, "-Infinity"), (Mutation.ByteFlip, "abc"),
        (Mutation.ByteFlip, "1e-300"), (Mutation.ByteFlip, "0.5"), (Mutation.Truncate, string.Empty),
        (Mutation.Unicode, "\u202E\U0001F600"), (Mutation.Nul, "a\0b"),
        (Mutation.DuplicateLines, "/proc/x"), (Mutation.DuplicateLines, "/dev/null"), (Mutation.DuplicateLines, "/nonexistent/dir/x"),
    ];

    private readonly (string Command, string[] Valid, string[] Options)[] _templates;
    private readonly string _folder;

    private FlagCatalog((string, string[], string[])[] templates, string folder) => (_templates, _folder) = (templates, folder);

    public static FlagCatalog Create(string model, string checkpoint, string data, string image, string folder) => new(
    [
        ("check", ["check", model], ["--format"]),
        ("summary", ["summary", model], ["--format"]),
        ("explain", ["explain", "mat1 and mat2 shapes cannot be multiplied (4x2048 and 2048x128)"], ["--model", "--format", "--input", "--class"]),
        ("evaluate", ["evaluate", checkpoint, "--data", data], ["--data", "--format", "--device", "--batch-size"]),
        ("predict", ["predict", checkpoint, image], ["--top", "--format", "--device"]),
        ("make-data", ["make-data", "OUT", "--classes", "2", "--per-class", "2", "--size", "8x8"], ["--classes", "--per-class", "--size", "--channels", "--seed"]),
        ("train", ["train", model, "--data", data, "--out", "OUT", "--epochs", "1", "--batch-size", "4", "--threads", "1"],
            ["--epochs", "--batch-size", "--lr", "--optimizer", "--weight-decay", "--seed", "--threads", "--limit", "--out", "--resume", "--val", "--val-fraction", "--class", "--data"]),
    ], folder);

    /// <summary>Case <paramref name="i"/>: its family, the kind of value, and the command line (OUT replaced by <paramref name="output"/>).</summary>
    public (string Family, Mutation Kind, string[] Args) Case(int i, Mutator mutator, string output)
    {
        var (command, valid, options) = _templates[i % _templates.Length];
        var args = valid.Select(a => a == "OUT" ? output : a).ToList();
        switch (mutator.Next(8))
        {
            case 0:
                args.Add("--no-such-option");
                return ($"flags/{command} unknown option", Mutation.None, [.. args]);
            case 1:
                args.Add(mutator.Pick(options));
                return ($"flags/{command} option without a value", Mutation.Truncate, [.. args]);
            default:
                var option = mutator.Pick(options);
                var (kind, value) = mutator.Pick(Values);
                var at = args.IndexOf(option);
                if (at >= 0 && at + 1 < args.Count && mutator.Next(2) == 0)
                {
                    args[at + 1] = value;
                }
                else
                {
                    args.Add(option);
                    args.Add(value == "/proc/x" ? Path.Combine(_folder, "file-not-folder", "x") : value);
                }

                return ($"flags/{command} {option}", kind, [.. args]);
        }
    }
}
