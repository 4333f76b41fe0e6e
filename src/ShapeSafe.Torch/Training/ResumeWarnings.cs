using System.Globalization;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Resuming continues with the checkpoint's settings (all but the epochs): one warning per setting the
/// caller gave that the checkpoint overrides, naming the option, the value given and the value used.
/// </summary>
public static class ResumeWarnings
{
    /// <summary>The settings a checkpoint overrides, by option name, with how each value is written.</summary>
    public static IReadOnlyList<(string Option, Func<TrainingSettings, string> Value)> Options { get; } =
    [
        ("--batch-size", s => Text(s.BatchSize)),
        ("--lr", s => s.LearningRate is { } lr ? Text(lr) : $"default ({Text(s.EffectiveLearningRate)})"),
        ("--optimizer", s => s.Optimizer == OptimizerKind.Sgd ? "sgd" : "adam"),
        ("--weight-decay", s => Text(s.WeightDecay)),
        ("--seed", s => Text(s.Seed)),
        ("--limit", s => s.Limit is { } limit ? Text(limit) : "none"),
        ("--val-fraction", s => Text(s.ValidationFraction)),
    ];

    /// <summary>
    /// One line per option in <paramref name="given"/> (null: every option) whose value in
    /// <paramref name="requested"/> differs from <paramref name="saved"/>'s, in <see cref="Options"/> order.
    /// </summary>
    public static IReadOnlyList<string> For(TrainingSettings requested, TrainingSettings saved, string checkpointPath, IReadOnlySet<string>? given)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(saved);
        var warnings = new List<string>();
        foreach (var (option, value) in Options)
        {
            if ((given is null || given.Contains(option)) && value(requested) is var asked && value(saved) is var used && asked != used)
            {
                warnings.Add($"{option} {asked} is ignored: resuming from {checkpointPath} continues with its {option} {used}");
            }
        }

        return warnings;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
