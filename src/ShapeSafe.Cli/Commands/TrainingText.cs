using System.Globalization;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Cli.Commands;

/// <summary>How training figures read, shared by the live display and the plain lines.</summary>
public static class TrainingText
{
    public static string Epoch(EpochMetrics m, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {m.Epoch}/{epochs}: train loss {m.TrainLoss:0.0000}, accuracy {m.TrainAccuracy * 100:0.00}% | val loss {m.ValLoss:0.0000}, accuracy {m.ValAccuracy * 100:0.00}% | {m.ImagesPerSecond:0} images/s, {m.Seconds:0.0} s");

    public static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, t.TotalSeconds):0}s");
}
