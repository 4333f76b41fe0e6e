using System.Globalization;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>
/// Checks every value of a checkpoint's meta.json before it is used (a zero batch size divides by zero, a negative
/// one would "train"): the problem in words, naming the field as stored and its value, or null.
/// </summary>
internal static class CheckpointMetaValidation
{
    /// <summary>The largest image side a checkpoint may declare.</summary>
    public const int MaxSide = 65_536;

    /// <summary>The most classes a checkpoint may declare.</summary>
    public const int MaxClasses = 100_000;

    /// <summary>The longest class name (a folder name: 255 bytes on common file systems).</summary>
    public const int MaxClassNameLength = 255;

    public static string? Problem(CheckpointMeta meta)
    {
        if (meta.Version < 1)
        {
            return Invariant($"version must be at least 1, not {meta.Version}");
        }

        if (meta.Settings is null)
        {
            return "settings is missing";
        }

        if (meta.Settings.Validate(stored: true) is { } settings)
        {
            return settings;
        }

        if (meta.Epoch is < 0 or > TrainingSettings.MaxEpochs)
        {
            return Invariant($"epoch must be between 0 and {TrainingSettings.MaxEpochs}, not {meta.Epoch}");
        }

        if (!Enum.IsDefined(meta.Language) || !Enum.IsDefined(meta.DataKind))
        {
            return Invariant($"language ({(int)meta.Language}) or data_kind ({(int)meta.DataKind}) is not a known value");
        }

        var input = meta.Input;
        if (input is null || input.Channels is < 1 or > 4 || input.Height is < 1 or > MaxSide || input.Width is < 1 or > MaxSide
            || (long)input.Channels * input.Height * input.Width > int.MaxValue)
        {
            return $"input {input?.ToString() ?? "(missing)"} is not an image size (1 to 4 channels, sides 1 to {MaxSide})";
        }

        if (meta.ClassNames is null || meta.ClassNames.Count is < 2 or > MaxClasses)
        {
            return Invariant($"class_names must hold 2 to {MaxClasses} names, not {meta.ClassNames?.Count ?? 0}");
        }

        for (var i = 0; i < meta.ClassNames.Count; i++)
        {
            if (string.IsNullOrEmpty(meta.ClassNames[i]) || meta.ClassNames[i].Length > MaxClassNameLength)
            {
                return Invariant($"class_names[{i}] must be 1 to {MaxClassNameLength} characters, not {meta.ClassNames[i]?.Length ?? 0}");
            }
        }

        var normalization = meta.Normalization;
        if (normalization?.Mean is null || normalization.Std is null || normalization.Mean.Count != input.Channels || normalization.Std.Count != input.Channels)
        {
            return Invariant($"normalization must hold a mean and a std for each of the input's {input.Channels} channel(s)");
        }

        if (normalization.Mean.Any(m => !float.IsFinite(m)) || normalization.Std.Any(s => !float.IsFinite(s) || s <= 0))
        {
            return $"normalization {normalization} must be finite, with positive std";
        }

        return meta.Metrics is null ? "metrics is missing" : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
