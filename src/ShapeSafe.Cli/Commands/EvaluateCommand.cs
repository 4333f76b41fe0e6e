using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.IO;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Inference;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Training;
using Spectre.Console;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe evaluate CHECKPOINT --data PATH [--format text|json] [--batch-size N] [--device ...]</c>:
/// accuracy, per-class precision/recall/F1 and the confusion matrix on a test set: the t10k files of
/// an IDX folder, or every image of an image folder (prepared as in training).
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "A checkpoint written by train (e.g. runs/model/best.ckpt)" };
        var data = new Option<string>("--data") { Description = "An IDX folder (its t10k files are used) or an image folder with the training classes", Required = true };
        var format = SharedOptions.Format();
        var batchSize = SharedTrainingOptions.BatchSize(256);
        var device = SharedTrainingOptions.Device();
        var libtorch = SharedTrainingOptions.LibTorch();
        var command = new Command("evaluate", "Measure a checkpoint's accuracy, per-class precision/recall/F1 and confusion matrix on a test set")
        {
            checkpoint, data, format, batchSize, device, libtorch,
        };
        command.SetAction(parse => Run(
            parse.GetValue(checkpoint)!, parse.GetValue(data)!, parse.GetValue(format)!, parse.GetValue(batchSize), parse.GetValue(device)!, parse.GetValue(libtorch),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string checkpointPath, string dataPath, string format, int batchSize, string device, string? libtorch, TextWriter output, TextWriter error)
    {
        if (batchSize is < 1 or > TrainingSettings.MaxBatchSize)
        {
            throw new UsageException($"--batch-size must be between 1 and {TrainingSettings.MaxBatchSize}, not {batchSize}");
        }

        try
        {
            var result = EvaluationService.Evaluate(
                new EvaluationRequest(checkpointPath, dataPath, batchSize) { Device = new DeviceRequest(device, libtorch) }, error);
            if (format == "json")
            {
                output.WriteLine(Json(checkpointPath, result.DataPath, result.Report));
            }
            else
            {
                RenderText(Terminal.For(output), checkpointPath, result.DataPath, result.Meta, result.Report);
            }

            return ExitCodes.Ok;
        }
        catch (DeviceUnavailableException e)
        {
            error.WriteLine($"error: {e.Message}");
            return DeviceUnavailableException.ExitCode;
        }
        catch (Exception e) when (e is DataException or CheckpointException or NativeLoadException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }

    internal static string Json(string checkpoint, string data, ClassificationReport report) => JsonSerializer.Serialize(new
    {
        Checkpoint = checkpoint,
        Data = data,
        report.Count,
        report.Accuracy,
        report.Loss,
        report.MacroF1,
        report.ClassNames,
        PerClass = report.PerClass,
        report.Confusion,
    }, CheckpointFile.Json);

    private static void RenderText(IAnsiConsole console, string checkpoint, string data, CheckpointMeta meta, ClassificationReport report)
    {
        console.WriteLine($"{checkpoint} ({meta.ModelName}, epoch {meta.Epoch}) on {data}: {report.Count} images");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {report.Accuracy * 100:0.00}%, loss {report.Loss:0.0000}, macro F1 {report.MacroF1:0.0000}"));
        var table = new Table().AddColumns("class", "precision", "recall", "F1", "support");
        foreach (var c in report.PerClass)
        {
            table.AddRow(Markup.Escape(PrintableText.Escape(c.Name)), Fixed(c.Precision), Fixed(c.Recall), Fixed(c.F1), c.Support.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine("confusion matrix (rows: true class, columns: predicted class)");
        var confusion = new Table().AddColumn("true \\ predicted");
        for (var i = 0; i < report.ClassNames.Count; i++)
        {
            confusion.AddColumn(i.ToString(CultureInfo.InvariantCulture));
        }

        for (var r = 0; r < report.ClassNames.Count; r++)
        {
            confusion.AddRow([$"{r} {Markup.Escape(PrintableText.Escape(report.ClassNames[r]))}", .. report.Confusion[r].Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(confusion);
    }

    private static string Fixed(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
