using System.Globalization;
using System.Text;
using System.Text.Json;
using ShapeSafe.IO;
using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Training;

/// <summary>Writes metrics.json and metrics.csv (one row per epoch) and confusion.csv into a run's folder, each atomically.</summary>
public static class MetricsFiles
{
    public const string JsonFile = "metrics.json";
    public const string CsvFile = "metrics.csv";
    public const string ConfusionCsvFile = "confusion.csv";

    public static void Write(string folder, string modelName, IReadOnlyList<EpochMetrics> history)
    {
        var document = new { Model = modelName, Epochs = history };
        WriteAtomically(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(document, CheckpointFile.Json));
        var csv = new StringBuilder("epoch,train_loss,train_acc,val_loss,val_acc,images_per_s,seconds\n");
        foreach (var m in history)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.ValLoss:R},{m.ValAccuracy:R},{m.ImagesPerSecond:0.0},{m.Seconds:0.000}\n");
        }

        WriteAtomically(Path.Combine(folder, CsvFile), csv.ToString());
    }

    /// <summary>confusion.csv: a header of predicted class names, then one row per true class.</summary>
    public static void WriteConfusion(string folder, ClassificationReport report)
    {
        var csv = new StringBuilder("true\\predicted");
        foreach (var name in report.ClassNames)
        {
            csv.Append(',').Append(Quote(name));
        }

        csv.Append('\n');
        for (var r = 0; r < report.ClassNames.Count; r++)
        {
            csv.Append(Quote(report.ClassNames[r]));
            foreach (var count in report.Confusion[r])
            {
                csv.Append(',').Append(count.ToString(CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        WriteAtomically(Path.Combine(folder, ConfusionCsvFile), csv.ToString());
    }

    /// <summary>Writes through <see cref="AtomicFile"/>: a unique temporary created exclusively (never through a link), then renamed.</summary>
    internal static void WriteAtomically(string path, string text) => AtomicFile.WriteAllText(path, text);

    internal static void WriteAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
