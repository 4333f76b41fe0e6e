using System.CommandLine;
using System.Globalization;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe train MODEL --data PATH [options]</c>: checks the model against the data (input
/// size, number of classes) before anything is loaded, then trains it with a live display, writing
/// checkpoints, metrics, curves and the confusion matrix into --out. Exit 0 trained, 1 a model or
/// data problem or a diverged loss, 2 a usage error, 3 the device cannot be used, 130 interrupted.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The model file (input line, one layer per line)" };
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
        var command = new Command("train", "Train a model file on an IDX or image-folder data set, after checking the model against the data")
        {
            model, data, epochs, batchSize, lr, optimizer, weightDecay, seed, threads, device, limit, output, resume, val, valFraction, libtorch,
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
            var request = new TrainRequest(
                parse.GetValue(model)!, parse.GetValue(data)!, settings, parse.GetValue(threads), parse.GetValue(device)!,
                parse.GetValue(output), parse.GetValue(resume), parse.GetValue(val), parse.GetValue(libtorch));
            return Run(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, CancellationToken.None);
        });
        return command;
    }

    /// <summary>Everything train was asked to do.</summary>
    internal sealed record TrainRequest(
        string ModelPath, string DataPath, TrainingSettings Settings, int? Threads, string Device,
        string? OutputFolder, string? ResumePath, string? ValidationPath, string? LibTorch);

    /// <summary>Runs a training request; Ctrl+C (or <paramref name="cancel"/>) stops it after the current step.</summary>
    internal static int Run(TrainRequest request, TextWriter output, TextWriter error, CancellationToken cancel)
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

    private static int Train(TrainRequest request, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        if (request.Settings.Validate() is { } invalid)
        {
            throw new UsageException(invalid);
        }

        // 1. The model (from the checkpoint when resuming: its weights fit that model), then the data's shape and classes.
        var resume = request.ResumePath is null ? null : CheckpointFile.Read(request.ResumePath);
        var modelFile = ModelFileReader.Read(request.ModelPath);
        if (resume is not null && Normalize(resume.ModelText) != Normalize(string.Join("\n", modelFile.Lines)))
        {
            output.WriteLine($"note: {request.ModelPath} differs from the model saved in {resume.Path}; resuming trains the saved model.");
            modelFile = ModelFileParser.Parse(request.ModelPath, resume.ModelText);
        }

        var settings = resume is null ? request.Settings : resume.Meta.Settings with { Epochs = request.Settings.Epochs };
        var dataPath = NamedDatasets.Resolve(request.DataPath, output, request.OutputFolder ?? "runs");
        if (!Directory.Exists(dataPath))
        {
            error.WriteLine($"error: {dataPath}: does not exist; --data takes an IDX folder, an image folder (one subfolder per class), or fashion-mnist");
            if (MakeDataHint(modelFile, dataPath) is { } hint)
            {
                error.WriteLine($"To train on generated data of this model's size instead: {hint}");
            }

            return ExitCodes.Findings;
        }

        var isIdx = IdxDataset.IsIdxFolder(dataPath);
        ImageSet? idxTrain = isIdx ? IdxDataset.Load(dataPath, DataSplit.Train, settings.Limit) : null;
        var classNames = idxTrain?.ClassNames ?? ImageFolderDataset.ClassNames(dataPath);
        var plan = ModelPlan.For(modelFile, idxTrain is null ? null : ImageSize.Of(idxTrain), classNames, dataPath);
        if (plan.HasErrors || plan.Input is null)
        {
            RenderDiagnostics(output, modelFile, plan.Diagnostics);
            error.WriteLine($"error: {request.ModelPath} does not fit the data at {dataPath}; nothing was trained");
            return ExitCodes.Findings;
        }

        var input = plan.Input;
        if (resume is not null && (resume.Meta.Input != input || !resume.Meta.ClassNames.SequenceEqual(classNames)))
        {
            throw new UsageException($"{resume.Path} was trained on {resume.Meta.Input} images of {resume.Meta.ClassNames.Count} classes, but {dataPath} gives {input} images of {classNames.Count} classes");
        }

        // 2. The device and threads: before any tensor.
        var selection = NativeRuntime.Initialize(request.Device, request.LibTorch);
        if (!selection.Succeeded)
        {
            error.WriteLine($"error: {selection.Failure}");
            return selection.ExitCode;
        }

        if (request.Threads is { } threads && !NativeRuntime.TrySetThreads(threads, out var threadProblem))
        {
            throw new UsageException($"--threads: {threadProblem}");
        }

        // 3. The data.
        var generated = SyntheticShapes.Describe(dataPath);
        if (generated is not null)
        {
            output.WriteLine($"Using GENERATED data: {dataPath} was made by 'shapesafe make-data' ({SyntheticShapes.Summary(generated)}); it is not a real data set.");
        }

        var all = idxTrain ?? ImageFolderDataset.Load(dataPath, input.Channels, input.Height, input.Width, limit: settings.Limit);
        ImageSet train;
        ImageSet validation;
        if (request.ValidationPath is { } valPath)
        {
            train = all;
            validation = IdxDataset.IsIdxFolder(valPath)
                ? IdxDataset.Load(valPath, DataSplit.Test)
                : ImageFolderDataset.Load(valPath, input.Channels, input.Height, input.Width, expectedClasses: classNames);
            if (ImageSize.Of(validation) != input || !validation.ClassNames.SequenceEqual(classNames))
            {
                throw new DataException(valPath, $"holds {ImageSize.Of(validation)} images of {validation.ClassCount} classes; the training data has {input} images of {classNames.Count} classes");
            }
        }
        else
        {
            (train, validation) = all.HoldOut(settings.ValidationFraction, settings.Seed);
        }

        var normalization = resume?.Meta.Normalization ?? Normalization.Compute(train);
        var modelName = Path.GetFileNameWithoutExtension(request.ModelPath);
        var outputFolder = request.OutputFolder ?? Path.Combine("runs", modelName);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Training {modelName} ({plan.Check.TotalParameters:N0} parameters) on {train.Count} images of {input} ({classNames.Count} classes: {string.Join(", ", classNames)}), validating on {validation.Count}"));
        output.WriteLine($"Data: {dataPath} ({(isIdx ? "IDX" : "image folder")}); normalization {normalization}");
        output.WriteLine($"Device: {selection.Description}; output: {outputFolder}");

        // 4. The model: seeded, so the initial weights are reproducible.
        Trainer.Seed(settings.Seed);
        var build = ModuleBuilder.Build(plan.Check);
        if (build.Module is not { } module)
        {
            error.WriteLine($"error: {request.ModelPath}: {build.Failure}");
            return ExitCodes.Findings;
        }

        using (module)
        {
            var job = new TrainingJob
            {
                ModelName = modelName,
                ModelText = string.Join("\n", modelFile.Lines),
                Input = input,
                Normalization = normalization,
                Train = train,
                Validation = validation,
                Settings = settings,
                OutputFolder = outputFolder,
                DataPath = Path.GetFullPath(dataPath),
                GeneratedData = generated is not null,
                Device = selection.Device!,
                Resume = resume,
            };
            TrainingResult result;
            if (Terminal.IsInteractive(output))
            {
                var display = new TrainingProgressDisplay(Terminal.For(output));
                result = display.Run(() => Trainer.Run(job, module, display, cancel));
            }
            else
            {
                result = Trainer.Run(job, module, new TrainingProgressLines(output), cancel);
            }

            (result.Status == TrainingStatus.Completed ? output : error).WriteLine(result.Message);
            if (result.LastCheckpoint is not null)
            {
                output.WriteLine($"Checkpoint: {result.LastCheckpoint}{(result.BestCheckpoint is null ? string.Empty : $" (best validation accuracy: {result.BestCheckpoint})")}");
                output.WriteLine($"Metrics: {Path.Combine(outputFolder, MetricsFiles.JsonFile)}, {Path.Combine(outputFolder, MetricsFiles.CsvFile)}; plots: {Path.Combine(outputFolder, "curves.png")}, {Path.Combine(outputFolder, "confusion.png")}");
            }

            return result.ExitCode;
        }
    }

    /// <summary>The make-data command that writes a data set this model trains on as is, when its input and output say so.</summary>
    internal static string? MakeDataHint(ModelFile modelFile, string folder)
    {
        var check = ShapeSafe.Inference.ShapeChecker.Check(modelFile);
        var input = ImageSize.FromShape(check.Input);
        if (check.HasErrors || input is null || input.Channels is not (1 or 3) || check.Output is not { Rank: 2 } output
            || !output[1].IsKnown || output[1].Value < 2 || output[1].Value > SyntheticShapes.Kinds.Count)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"shapesafe make-data {folder} --classes {output[1].Value} --per-class 600 --size {input.Height}x{input.Width} --channels {input.Channels}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    private static void RenderDiagnostics(TextWriter output, ModelFile file, IReadOnlyList<Diagnostic> diagnostics)
    {
        var console = Terminal.For(output);
        foreach (var diagnostic in diagnostics)
        {
            DiagnosticTextRenderer.Render(console, file.Path, file.Lines, diagnostic);
        }
    }
}
