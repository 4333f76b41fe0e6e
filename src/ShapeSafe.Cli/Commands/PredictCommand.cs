using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.IO;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Inference;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe predict CHECKPOINT IMAGE... [--top K] [--format text|json]</c>: the top-k classes of
/// each image with their probabilities. Images are resized, converted to the model's channels and
/// normalized exactly as in training (an IDX-trained model reads them as grayscale at its size). A .onnx model written by
/// <c>export --to onnx</c> runs on ONNX Runtime without libtorch, with the same preprocessing from its metadata.
/// </summary>
public static class PredictCommand
{
    /// <summary>The most classes --top may ask for (a checkpoint holds at most as many).</summary>
    public const int MaxTop = 100_000;

    public static Command Create()
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "A checkpoint written by train" };
        var images = new Argument<string[]>("IMAGE") { Description = "PNG or JPEG files", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "How many classes to show per image", DefaultValueFactory = _ => 3 };
        var format = SharedOptions.Format();
        var device = SharedTrainingOptions.Device();
        var libtorch = SharedTrainingOptions.LibTorch();
        var command = new Command("predict", "Classify images with a checkpoint: top-k classes with probabilities")
        {
            checkpoint, images, top, format, device, libtorch,
        };
        command.SetAction(parse => OnnxServing.IsOnnx(parse.GetValue(checkpoint)!)
            ? RunOnnx(parse.GetValue(checkpoint)!, parse.GetValue(images)!, parse.GetValue(top), parse.GetValue(format)!, parse.GetValue(device)!, parse.GetValue(libtorch),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
            : Run(
                parse.GetValue(checkpoint)!, parse.GetValue(images)!, parse.GetValue(top), parse.GetValue(format)!, parse.GetValue(device)!, parse.GetValue(libtorch),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>A .onnx model: ONNX Runtime through <see cref="OnnxServing"/>; this method names no TorchSharp type, so libtorch is never loaded.</summary>
    internal static int RunOnnx(string modelPath, string[] imagePaths, int top, string format, string device, string? libtorch, TextWriter output, TextWriter error)
    {
        if (top is < 1 or > MaxTop)
        {
            throw new UsageException($"--top must be between 1 and {MaxTop}, not {top}");
        }

        if (OnnxServing.RefuseTorchOptions(device, libtorch) is { } refusal)
        {
            throw new UsageException(refusal);
        }

        return OnnxServing.Predict(modelPath, imagePaths, top, format, output, error);
    }

    internal static int Run(string checkpointPath, string[] imagePaths, int top, string format, string device, string? libtorch, TextWriter output, TextWriter error)
    {
        if (top is < 1 or > MaxTop)
        {
            throw new UsageException($"--top must be between 1 and {MaxTop}, not {top}");
        }

        try
        {
            var result = PredictionService.Predict(new PredictionRequest(checkpointPath, imagePaths, top) { Device = new DeviceRequest(device, libtorch) });
            if (format == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { Checkpoint = checkpointPath, result.Predictions }, CheckpointFile.Json));
            }
            else
            {
                foreach (var p in result.Predictions)
                {
                    output.WriteLine($"{PrintableText.Escape(p.Image)}: " + string.Join(", ", p.Top.Select(g => string.Create(CultureInfo.InvariantCulture, $"{PrintableText.Escape(g.Class)} {g.Probability * 100:0.0}%"))));
                }
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
}
