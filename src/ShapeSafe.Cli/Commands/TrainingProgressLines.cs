using System.Diagnostics;
using System.Globalization;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// Training progress as plain lines, for redirected output and logs: one line per epoch, and a
/// progress line at most every <see cref="Interval"/> within long epochs.
/// </summary>
public sealed class TrainingProgressLines(TextWriter output) : ITrainingProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public void Info(string message) => output.WriteLine(message);

    public void EpochStarted(int epoch, int epochs, int steps) => _sinceLine.Restart();

    public void StepCompleted(StepProgress p)
    {
        if (_sinceLine.Elapsed < Interval || p.Step == p.Steps)
        {
            return;
        }

        _sinceLine.Restart();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.Steps}: loss {p.Loss:0.0000}, accuracy {p.Accuracy * 100:0.00}%, {p.ImagesPerSecond:0} images/s, {TrainingText.Duration(p.Remaining)} left"));
    }

    public void EpochCompleted(EpochMetrics m, int epochs) => output.WriteLine(TrainingText.Epoch(m, epochs));
}
