using System.Globalization;
using ShapeSafe.Torch.Training;
using Spectre.Console;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// The live training display on a terminal (Spectre.Console): a bar per epoch with the running
/// loss, accuracy, images/s and the time left for the whole run; finished epochs stay as lines above.
/// </summary>
public sealed class TrainingProgressDisplay : ITrainingProgress
{
    private readonly IAnsiConsole _console;
    private ProgressContext? _context;
    private ProgressTask? _task;

    public TrainingProgressDisplay(IAnsiConsole console) => _console = console;

    /// <summary>Runs <paramref name="body"/> with the live display on; progress events update it.</summary>
    public T Run<T>(Func<T> body)
    {
        return _console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    return body();
                }
                finally
                {
                    _task?.StopTask();
                    _context = null;
                }
            });
    }

    public void Info(string message) => _console.MarkupLine(Markup.Escape(message));

    public void EpochStarted(int epoch, int epochs, int steps)
    {
        _task?.StopTask();
        _task = _context?.AddTask($"epoch {epoch}/{epochs}", maxValue: steps);
    }

    public void StepCompleted(StepProgress p)
    {
        if (_task is null)
        {
            return;
        }

        _task.Value = p.Step;
        _task.Description = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs}  loss [bold]{p.Loss:0.0000}[/]  acc [bold]{p.Accuracy * 100:0.0}%[/]  {p.ImagesPerSecond:0} img/s  [grey]{TrainingText.Duration(p.Remaining)} left[/]");
    }

    public void EpochCompleted(EpochMetrics metrics, int epochs)
    {
        _task?.StopTask();
        _console.MarkupLine(Markup.Escape(TrainingText.Epoch(metrics, epochs)));
    }
}
