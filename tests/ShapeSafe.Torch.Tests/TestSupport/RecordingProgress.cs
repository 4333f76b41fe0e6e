using ShapeSafe.Torch.Training;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Records progress events, and runs an optional hook after each epoch or step.</summary>
public sealed class RecordingProgress : ITrainingProgress
{
    public List<string> Lines { get; } = [];

    public List<EpochMetrics> Epochs { get; } = [];

    public List<StepProgress> Steps { get; } = [];

    public Action<EpochMetrics>? AfterEpoch { get; init; }

    public Action<StepProgress>? AfterStep { get; init; }

    public void Info(string message) => Lines.Add(message);

    public void EpochStarted(int epoch, int epochs, int steps) => Lines.Add($"epoch {epoch}/{epochs}: {steps} steps");

    public void StepCompleted(StepProgress progress)
    {
        Steps.Add(progress);
        AfterStep?.Invoke(progress);
    }

    public void EpochCompleted(EpochMetrics metrics, int epochs)
    {
        Epochs.Add(metrics);
        AfterEpoch?.Invoke(metrics);
    }
}
