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

    /// <summary>A problem with the values, in words; null when they are usable.</summary>
    public string? Validate()
    {
        if (Epochs < 1)
        {
            return $"--epochs must be at least 1, not {Epochs}";
        }

        if (BatchSize < 1)
        {
            return $"--batch-size must be at least 1, not {BatchSize}";
        }

        if (LearningRate is { } lr && (!double.IsFinite(lr) || lr <= 0))
        {
            return $"--lr must be a positive number, not {lr}";
        }

        if (!double.IsFinite(WeightDecay) || WeightDecay < 0)
        {
            return $"--weight-decay must be zero or positive, not {WeightDecay}";
        }

        if (Limit is < 1)
        {
            return $"--limit must be at least 1, not {Limit}";
        }

        if (ValidationFraction is <= 0 or >= 1 || double.IsNaN(ValidationFraction))
        {
            return $"the validation fraction must be between 0 and 1, not {ValidationFraction}";
        }

        return null;
    }
}
