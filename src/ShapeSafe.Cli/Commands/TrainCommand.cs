using System.CommandLine;
using ShapeSafe.Checking;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe train MODEL --data PATH [options]</c> (MODEL a model file, or a PyTorch <c>.py</c> file with
/// <c>[--class NAME]</c>, run as a GraphModule): checks the model against the data (input
/// size, number of classes) before anything is loaded, then trains it with a live display, writing
/// checkpoints, metrics, curves and the confusion matrix into --out. Exit 0 trained, 1 a model or
/// data problem or a diverged loss, 2 a usage error, 3 the device cannot be used, 130 interrupted.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The model file (input line, one layer per line), or a PyTorch .py file with an nn.Module class" };
        var className = new Option<string?>("--class") { Description = "For a .py model: the nn.Module class to train (default: the file's only candidate)" };
        var data = new Option<string>("--data") { Description = "An IDX folder (train-images-idx3-ubyte[.gz], ...), an image folder with one subfolder per class, or fashion-mnist (the installed data set, else generated data)", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Train up to this epoch", DefaultValueFactory = _ => 5 };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per step", DefaultValueFactory = _ => 128 };
        var lr = new Option<double?>("--lr") { Description = "Learning rate (default 1e-3 for Adam, 1e-2 for SGD)" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or sgd (momentum 0.9)", DefaultValueFactory = _ => "adam" }.AcceptOnlyFromAmong("adam", "sgd");
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights, the shuffles, dropout and the validation split", DefaultValueFactory = _ => 42 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads libtorch uses (torch.set_num_threads)" };
        var device = SharedTrainingOptions.Device();
        var limit = new Option<int?>("--limit") { Description = "Use only the first N training images (quick runs)" };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/<model name>)" };
        var resume = new Option<string?>("--resume") { Description = "Continue from this checkpoint up to --epochs" };
        var val = new Option<string?>("--val") { Description = "A validation image folder, instead of holding out part of the training data" };
        var valFraction = new Option<double>("--val-fraction") { Description = "The held-out share of the training data used for validation", DefaultValueFactory = _ => 0.1 };
        var libtorch = SharedTrainingOptions.LibTorch();
        var command = new Command("train", "Train a model file or a PyTorch .py model on an IDX or image-folder data set, after checking the model against the data")
        {
            model, className, data, epochs, batchSize, lr, optimizer, weightDecay, seed, threads, device, limit, output, resume, val, valFraction, libtorch,
        };
        command.SetAction(parse =>
        {
            var settings = new TrainingSettings
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(lr),
                Optimizer = parse.GetValue(optimizer) == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam,
                WeightDecay = parse.GetValue(weightDecay),
                Seed = parse.GetValue(seed),
                Limit = parse.GetValue(limit),
                ValidationFraction = parse.GetValue(valFraction),
            };
            Option[] settingOptions = [batchSize, lr, optimizer, weightDecay, seed, limit, valFraction];
            var given = settingOptions.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var modelPath = parse.GetValue(model)!;
            var python = CheckService.LanguageOf(modelPath) == SourceLanguage.Python;
            if (!python && parse.GetValue(className) is not null)
            {
                throw new UsageException($"{modelPath}: --class is for PyTorch .py models");
            }

            var request = (python
                ? TrainingRequest.ForPython(modelPath, ModelFileReader.ReadText(modelPath), parse.GetValue(data)!, parse.GetValue(className))
                : new TrainingRequest(ModelFileReader.Read(modelPath), parse.GetValue(data)!)) with
            {
                Settings = settings,
                Threads = parse.GetValue(threads),
                Device = new DeviceRequest(parse.GetValue(device)!, parse.GetValue(libtorch)),
                OutputFolder = parse.GetValue(output),
                ResumePath = parse.GetValue(resume),
                ValidationPath = parse.GetValue(val),
                GivenOptions = given,
            };
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, CancellationToken.None);
        });
        return command;
    }

    /// <summary>Runs a training request; Ctrl+C (or <paramref name="cancel"/>) stops it after the current step.</summary>
    internal static int Run(TrainingRequest request, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                error.WriteLine("Stopping after the current step (press Ctrl+C again to abort at once)...");
                interrupt.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return Train(request, output, error, interrupt.Token);
        }
        catch (Exception e) when (e is DataException or CheckpointException or NativeLoadException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Train(TrainingRequest request, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        using var preparation = TrainingService.Prepare(request, output);
        foreach (var warning in preparation.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (preparation.Problem is { } problem)
        {
            return Fail(problem, preparation.Model, output, error);
        }

        TrainingResult result;
        if (Terminal.IsInteractive(output))
        {
            var display = new TrainingProgressDisplay(Terminal.For(output));
            result = display.Run(() => TrainingService.Run(preparation, display, cancel));
        }
        else
        {
            result = TrainingService.Run(preparation, new TrainingProgressLines(output), cancel);
        }

        var outputFolder = preparation.Job!.OutputFolder;
        (result.Status == TrainingStatus.Completed ? output : error).WriteLine(result.Message);
        if (result.LastCheckpoint is not null)
        {
            output.WriteLine($"Checkpoint: {result.LastCheckpoint}{(result.BestCheckpoint is null ? string.Empty : $" (best validation accuracy: {result.BestCheckpoint})")}");
            output.WriteLine($"Metrics: {Path.Combine(outputFolder, MetricsFiles.JsonFile)}, {Path.Combine(outputFolder, MetricsFiles.CsvFile)}; plots: {Path.Combine(outputFolder, "curves.png")}, {Path.Combine(outputFolder, "confusion.png")}");
        }

        return result.ExitCode;
    }

    private static int Fail(TrainingProblem problem, ModelFile model, TextWriter output, TextWriter error)
    {
        switch (problem.Kind)
        {
            case TrainingProblemKind.Usage:
                throw new UsageException(problem.Message);
            case TrainingProblemKind.Device:
                error.WriteLine($"error: {problem.Message}");
                return DeviceUnavailableException.ExitCode;
            default:
                var console = Terminal.For(output);
                foreach (var diagnostic in problem.Diagnostics)
                {
                    DiagnosticTextRenderer.Render(console, model.Path, model.Lines, diagnostic);
                }

                error.WriteLine($"error: {problem.Message}");
                if (problem.Hint is { } hint)
                {
                    error.WriteLine($"To train on generated data of this model's size instead: {hint}");
                }

                return ExitCodes.Findings;
        }
    }
}
