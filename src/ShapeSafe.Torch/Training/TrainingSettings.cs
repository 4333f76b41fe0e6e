using System.Globalization;

namespace ShapeSafe.Torch.Training;

/// <summary>The settings of a training run, as stored in its checkpoints (so --resume continues with them).</summary>
public sealed record TrainingSettings
{
    /// <summary>SGD's momentum.</summary>
    public const double SgdMomentum = 0.9;

    public int Epochs { get; init; } = 5;

    public int BatchSize { get; init; } = 128;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The learning rate; null takes the optimizer's default.</summary>
    public double? LearningRate { get; init; }

    public double WeightDecay { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Use the first N training images only.</summary>
    public int? Limit { get; init; }

    /// <summary>The held-out fraction of the training data used for validation, when no validation folder is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>The learning rate in effect: the one given, else 1e-3 for Adam and 1e-2 for SGD.</summary>
    public double EffectiveLearningRate => LearningRate ?? (Optimizer == OptimizerKind.Adam ? 1e-3 : 1e-2);

    /// <summary>The most epochs a run may ask for.</summary>
    public const int MaxEpochs = 100_000;

    /// <summary>The largest batch a run may ask for (far above what any device holds for an image model).</summary>
    public const int MaxBatchSize = 1 << 20;

    /// <summary>The largest learning rate and weight decay accepted: larger ones only make the loss diverge.</summary>
    public const double MaxLearningRate = 100;

    /// <summary>A problem with the values, in words naming the option and the value; null when they are usable.</summary>
    public string? Validate() => Validate(stored: false);

    /// <summary>
    /// A problem with the values; with <paramref name="stored"/> the message names the setting as stored in a
    /// checkpoint's meta.json (<c>settings.batch_size</c>) instead of the command-line option (<c>--batch-size</c>).
    /// </summary>
    public string? Validate(bool stored)
    {
        string Name(string option, string key) => stored ? $"settings.{key}" : option;
        if (Epochs is < 1 or > MaxEpochs)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--epochs", "epochs")} must be between 1 and {MaxEpochs}, not {Epochs}");
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--batch-size", "batch_size")} must be between 1 and {MaxBatchSize}, not {BatchSize}");
        }

        if (!Enum.IsDefined(Optimizer))
        {
            return $"{Name("--optimizer", "optimizer")} must be adam or sgd, not {(int)Optimizer}";
        }

        if (LearningRate is { } lr && (!double.IsFinite(lr) || lr <= 0 || lr > MaxLearningRate))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--lr", "learning_rate")} must be a positive number of at most {MaxLearningRate}, not {lr}");
        }

        if (!double.IsFinite(WeightDecay) || WeightDecay < 0 || WeightDecay > MaxLearningRate)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--weight-decay", "weight_decay")} must be between 0 and {MaxLearningRate}, not {WeightDecay}");
        }

        if (Seed < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--seed", "seed")} must be zero or positive, not {Seed}");
        }

        if (Limit is < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--limit", "limit")} must be at least 1, not {Limit}");
        }

        if (ValidationFraction is <= 0 or >= 1 || double.IsNaN(ValidationFraction))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name("--val-fraction", "validation_fraction")} must be between 0 and 1 (both excluded), not {ValidationFraction}");
        }

        return null;
    }
}
