namespace ShapeSafe.Torch.Training;

/// <summary>The end of a training run: how it ended, in words, the metrics per epoch and the checkpoints written.</summary>
public sealed record TrainingResult(
    TrainingStatus Status,
    string Message,
    IReadOnlyList<EpochMetrics> History,
    string? LastCheckpoint,
    string? BestCheckpoint)
{
    /// <summary>The exit code the CLI returns: 0 when completed, 1 when it diverged, 130 when interrupted (as shells report SIGINT).</summary>
    public int ExitCode => Status switch
    {
        TrainingStatus.Completed => 0,
        TrainingStatus.Cancelled => 130,
        _ => 1,
    };
}
