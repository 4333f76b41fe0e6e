namespace ShapeSafe.Torch.Training;

/// <summary>Receives training progress; the CLI shows it live on a terminal, or as plain lines when redirected.</summary>
public interface ITrainingProgress
{
    /// <summary>An informational line (data used, device, resumed from, checkpoint written).</summary>
    void Info(string message);

    void EpochStarted(int epoch, int epochs, int steps);

    /// <summary>Running figures of the current epoch after <see cref="StepProgress.Step"/> steps.</summary>
    void StepCompleted(StepProgress progress);

    void EpochCompleted(EpochMetrics metrics, int epochs);
}
