using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe predict CHECKPOINT IMAGE... [--top K] [--format text|json]</c>: the top-k classes of
/// each image with their probabilities. Images are resized, converted to the model's channels and
/// normalized exactly as in training (an IDX-trained model reads them as grayscale at its size).
/// </summary>
public static class PredictCommand
{
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
        command.SetAction(parse => Run(
            parse.GetValue(checkpoint)!, parse.GetValue(images)!, parse.GetValue(top), parse.GetValue(format)!, parse.GetValue(device)!, parse.GetValue(libtorch),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>One class of an image's top k.</summary>
    internal sealed record Guess(string Class, int Index, double Probability);

    /// <summary>An image's top k, best first.</summary>
    internal sealed record Prediction(string Image, IReadOnlyList<Guess> Top);

    internal static int Run(string checkpointPath, string[] imagePaths, int top, string format, string device, string? libtorch, TextWriter output, TextWriter error)
    {
        if (top < 1)
        {
            throw new UsageException($"--top must be at least 1, not {top}");
        }

        try
        {
            var checkpoint = CheckpointFile.Read(checkpointPath);
            var meta = checkpoint.Meta;
            var size = meta.Input;
            var pixels = new byte[imagePaths.Length * size.Elements];
            for (var i = 0; i < imagePaths.Length; i++)
            {
                ImageDecoder.Decode(imagePaths[i], size.Channels, size.Height, size.Width, pixels.AsSpan(i * size.Elements, size.Elements));
            }

            var selection = NativeRuntime.Initialize(device, libtorch);
            if (!selection.Succeeded)
            {
                error.WriteLine($"error: {selection.Failure}");
                return selection.ExitCode;
            }

            using var model = CheckpointModel.Load(checkpoint);
            model.to(selection.Device!);
            var predictions = Predict(model, pixels, imagePaths, meta, Math.Min(top, meta.ClassNames.Count), selection.Device!);
            if (format == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(new { Checkpoint = checkpointPath, Predictions = predictions }, CheckpointFile.Json));
            }
            else
            {
                foreach (var p in predictions)
                {
                    output.WriteLine($"{p.Image}: " + string.Join(", ", p.Top.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Class} {g.Probability * 100:0.0}%"))));
                }
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is DataException or CheckpointException or NativeLoadException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }

    private static List<Prediction> Predict(nn.Module<Tensor, Tensor> model, byte[] pixels, string[] paths, CheckpointMeta meta, int k, Device device)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var size = meta.Input;
        var batch = BatchLoader.Normalize(pixels, paths.Length, size.Channels, size.Height, size.Width, meta.Normalization, device);
        var probabilities = nn.functional.softmax(model.forward(batch), 1);
        var (values, indices) = probabilities.topk(k, dim: 1);
        var p = values.cpu().data<float>().ToArray();
        var ix = indices.cpu().data<long>().ToArray();
        var result = new List<Prediction>(paths.Length);
        for (var n = 0; n < paths.Length; n++)
        {
            var guesses = new List<Guess>(k);
            for (var j = 0; j < k; j++)
            {
                var index = (int)ix[(n * k) + j];
                guesses.Add(new Guess(meta.ClassNames[index], index, p[(n * k) + j]));
            }

            result.Add(new Prediction(paths[n], guesses));
        }

        return result;
    }
}
