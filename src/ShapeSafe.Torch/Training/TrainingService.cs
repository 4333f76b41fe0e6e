using System.Globalization;
using ShapeSafe.Checking;
using ShapeSafe.Inference;
using ShapeSafe.IO;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Runtime;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Trains a model file or a PyTorch <c>.py</c> model (run as a <see cref="GraphModule"/>): <see cref="Prepare"/> checks the model against the data (input size, number of
/// classes) before anything is loaded, resolves the data, the resume checkpoint, the device, the
/// validation split and the normalization, and builds the seeded model; <see cref="Run"/> trains it,
/// writing checkpoints, metrics and plots. The same steps serve the CLI and C# callers.
/// </summary>
public static class TrainingService
{
    /// <summary>
    /// Everything before the first step. Expected problems come back as <see cref="TrainingPreparation.Problem"/>;
    /// unreadable data or checkpoints throw <see cref="DataException"/> or <see cref="CheckpointException"/>.
    /// <paramref name="log"/> gets what was chosen (data, device, sizes), one line each.
    /// </summary>
    public static TrainingPreparation Prepare(TrainingRequest request, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        log ??= TextWriter.Null;
        if (request.Settings.Validate() is { } invalid)
        {
            return new TrainingPreparation(request.Model, []) { Problem = new TrainingProblem(TrainingProblemKind.Usage, invalid) };
        }

        // Every path and value before any work: the thread count and the output folder (which must be writable).
        if (request.Threads is { } requestedThreads && NativeRuntime.ThreadCountProblem(requestedThreads) is { } threadCount)
        {
            return new TrainingPreparation(request.Model, []) { Problem = new TrainingProblem(TrainingProblemKind.Usage, $"--threads: {threadCount}") };
        }

        if (WritableFolder.Problem(request.EffectiveOutputFolder) is { } unwritable)
        {
            return new TrainingPreparation(request.Model, []) { Problem = new TrainingProblem(TrainingProblemKind.Usage, $"--out {unwritable}") };
        }

        var stale = StaleTemporaries.Remove(request.EffectiveOutputFolder);
        if (stale.Count > 0)
        {
            log.WriteLine($"note: removed {stale.Count} temporary file(s) an interrupted run left in {request.EffectiveOutputFolder}: {string.Join(", ", stale)}");
        }

        // 1. The model (from the checkpoint when resuming: its weights fit that model), then the data's shape and classes.
        var resume = request.ResumePath is null ? null : CheckpointFile.Read(request.ResumePath);
        if (resume is { IsVerified: false })
        {
            log.WriteLine($"note: {resume.Path} is a version {resume.Meta.Version} checkpoint, written before checkpoints had checksums: its parts cannot be verified");
        }
        var modelPath = request.Model.Path;
        var modelFile = request.Model;
        var warnings = resume is null ? [] : ResumeWarnings.For(request.Settings, resume.Meta.Settings, resume.Path, request.GivenOptions);
        var language = request.Language;
        var className = request.ClassName;
        if (resume is not null && (Normalize(resume.ModelText) != Normalize(string.Join("\n", modelFile.Lines)) || resume.Meta.Language != language))
        {
            log.WriteLine($"note: {modelPath} differs from the model saved in {resume.Path}; resuming trains the saved model.");
            language = resume.Meta.Language;
            if (language == SourceLanguage.Python && CheckService.LanguageOf(modelPath) != SourceLanguage.Python)
            {
                modelPath = $"{resume.Path}!{resume.Meta.SourceName ?? "model.py"}";
            }

            modelFile = language == SourceLanguage.Python ? TrainingRequest.SourceOnly(modelPath, resume.ModelText) : ModelFileParser.Parse(modelPath, resume.ModelText);
        }

        if (resume is not null && language == SourceLanguage.Python)
        {
            if (className is not null && resume.Meta.ClassName is { } saved && saved != className)
            {
                log.WriteLine($"note: {resume.Path} was trained with --class {saved}; resuming trains that class.");
            }

            className = resume.Meta.ClassName;
        }

        var preparation = new TrainingPreparation(modelFile, warnings);
        var settings = resume is null ? request.Settings : resume.Meta.Settings with { Epochs = request.Settings.Epochs };
        var outputFolder = request.EffectiveOutputFolder;
        var dataPath = NamedDatasets.Resolve(request.DataPath, log, request.OutputFolder ?? "runs");
        if (!Directory.Exists(dataPath))
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Data,
                $"{dataPath}: does not exist; --data takes an IDX folder, an image folder (one subfolder per class), or fashion-mnist")
            {
                Hint = language == SourceLanguage.Python
                    ? MakeDataHint(CheckService.Check(modelPath, string.Join("\n", modelFile.Lines), new CheckRequest { ClassName = className }), dataPath)
                    : MakeDataHint(modelFile, dataPath),
            };
            return preparation;
        }

        var isIdx = IdxDataset.IsIdxFolder(dataPath);
        ImageSet? idxTrain = isIdx ? IdxDataset.Load(dataPath, DataSplit.Train, settings.Limit) : null;
        var classNames = idxTrain?.ClassNames ?? ImageFolderDataset.ClassNames(dataPath);
        var dataSize = idxTrain is null ? null : ImageSize.Of(idxTrain);
        var generated = SyntheticShapes.Describe(dataPath);
        var modelText = string.Join("\n", modelFile.Lines);
        var plan = language == SourceLanguage.Python ? null : ModelPlan.For(modelFile, dataSize, classNames, dataPath);
        var pythonPlan = language != SourceLanguage.Python ? null
            : PythonModelPlan.For(modelPath, modelText, className, dataSize, generated is null ? null : new ImageSize(generated.Channels, generated.Height, generated.Width), classNames, dataPath);
        if (pythonPlan is not null && GraphModule.ControlFlowRefusal(pythonPlan.Check) is { } refusal)
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Model, refusal);
            return preparation;
        }

        var planInput = plan?.Input ?? pythonPlan?.Input;
        if (plan?.HasErrors == true || pythonPlan?.HasErrors == true || planInput is null)
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Model, $"{modelPath} does not fit the data at {dataPath}; nothing was trained")
            {
                Diagnostics = plan?.Diagnostics ?? pythonPlan!.Diagnostics,
            };
            return preparation;
        }

        var input = planInput;
        var parameters = plan?.Check.TotalParameters ?? pythonPlan!.Check.TotalParameters;
        if (resume is not null && (resume.Meta.Input != input || !resume.Meta.ClassNames.SequenceEqual(classNames)))
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Usage,
                $"{resume.Path} was trained on {resume.Meta.Input} images of {resume.Meta.ClassNames.Count} classes, but {dataPath} gives {input} images of {classNames.Count} classes");
            return preparation;
        }

        // 2. The device and threads: before any tensor.
        var selection = NativeRuntime.Initialize(request.Device.Device, request.Device.LibTorch);
        if (!selection.Succeeded)
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Device, selection.Failure!);
            return preparation;
        }

        if (request.Threads is { } threads && !NativeRuntime.TrySetThreads(threads, out var threadProblem))
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Usage, $"--threads: {threadProblem}");
            return preparation;
        }

        // 3. The data: the validation split and the normalization (the checkpoint's when resuming).
        if (generated is not null)
        {
            log.WriteLine($"Using GENERATED data: {dataPath} was made by 'shapesafe make-data' ({SyntheticShapes.Summary(generated)}); it is not a real data set.");
        }

        var all = idxTrain ?? ImageFolderDataset.Load(dataPath, input.Channels, input.Height, input.Width, limit: settings.Limit);
        var (train, validation) = Split(all, request.ValidationPath, input, classNames, settings);
        var normalization = resume?.Meta.Normalization ?? Normalization.Compute(train);
        var modelName = request.ModelName;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Training {modelName} ({parameters:N0} parameters) on {train.Count} images of {input} ({classNames.Count} classes: {string.Join(", ", classNames.Select(PrintableText.Escape))}), validating on {validation.Count}"));
        log.WriteLine($"Data: {dataPath} ({(isIdx ? "IDX" : "image folder")}); normalization {normalization}");
        log.WriteLine($"Device: {selection.Description}; output: {outputFolder}");

        // 4. The model: seeded, so the initial weights are reproducible.
        Trainer.Seed(settings.Seed);
        nn.Module<Tensor, Tensor>? module;
        string? failure;
        if (pythonPlan is not null)
        {
            var built = GraphModule.Build(pythonPlan.Check);
            (module, failure) = (built.Module, built.Failure);
        }
        else
        {
            // Model files run through the same graph runtime as Python models (their state_dict keys are the Sequential's).
            var modelFileCheck = CheckService.ForModelFile(modelPath, string.Join("\n", modelFile.Lines), modelFile.Lines, plan!.Check);
            var built = GraphModule.Build(modelFileCheck);
            (module, failure) = (built.Module, built.Failure);
        }

        if (module is null)
        {
            preparation.Problem = new TrainingProblem(TrainingProblemKind.Model, failure ?? $"{modelPath} does not build");
            return preparation;
        }

        preparation.Module = module;
        preparation.Parameters = parameters;
        preparation.DeviceDescription = selection.Description;
        preparation.Job = new TrainingJob
        {
            ModelName = modelName,
            ModelText = modelText,
            Language = language,
            SourceName = pythonPlan is null ? null : Path.GetFileName(modelPath.Split('!')[^1]),
            ClassName = pythonPlan is null ? null : className ?? pythonPlan.Check.Python?.ClassName,
            InputShape = pythonPlan?.InputShape,
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
        return preparation;
    }

    /// <summary>Trains a prepared run; <paramref name="cancel"/> stops it after the current step (a checkpoint is written).</summary>
    public static TrainingResult Run(TrainingPreparation preparation, ITrainingProgress progress, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(preparation);
        if (!preparation.Ready)
        {
            throw new InvalidOperationException($"the training run is not ready: {preparation.Problem?.Message ?? "it was not prepared"}");
        }

        return Trainer.Run(preparation.Job!, preparation.Module!, progress, cancel);
    }

    /// <summary>The make-data command that writes a data set this model trains on as is, when its input and output say so.</summary>
    public static string? MakeDataHint(ModelFile modelFile, string folder)
    {
        var check = ShapeChecker.Check(modelFile);
        return MakeDataHint(check.HasErrors, check.Input, check.Output, folder);
    }

    /// <summary>The make-data command for a checked model of either front-end (a .py model with one declared image input).</summary>
    public static string? MakeDataHint(FileCheck check, string folder)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Inputs.Count == 1 ? MakeDataHint(check.HasErrors, check.Inputs[0], check.Output, folder) : null;
    }

    private static string? MakeDataHint(bool hasErrors, Shape? inputShape, Shape? outputShape, string folder)
    {
        var input = ImageSize.FromShape(inputShape);
        if (hasErrors || input is null || input.Channels is not (1 or 3) || outputShape is not { Rank: 2 } output
            || !output[1].IsKnown || output[1].Value < 2 || output[1].Value > SyntheticShapes.Kinds.Count)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"shapesafe make-data {folder} --classes {output[1].Value} --per-class 600 --size {input.Height}x{input.Width} --channels {input.Channels}");
    }

    /// <summary>Training and validation images: a validation folder as given, else a seeded hold-out of the training data.</summary>
    private static (ImageSet Train, ImageSet Validation) Split(ImageSet all, string? validationPath, ImageSize input, IReadOnlyList<string> classNames, TrainingSettings settings)
    {
        if (validationPath is null)
        {
            return all.HoldOut(settings.ValidationFraction, settings.Seed);
        }

        var validation = IdxDataset.IsIdxFolder(validationPath)
            ? IdxDataset.Load(validationPath, DataSplit.Test)
            : ImageFolderDataset.Load(validationPath, input.Channels, input.Height, input.Width, expectedClasses: classNames);
        if (ImageSize.Of(validation) != input || !validation.ClassNames.SequenceEqual(classNames))
        {
            throw new DataException(validationPath, $"holds {ImageSize.Of(validation)} images of {validation.ClassCount} classes; the training data has {input} images of {classNames.Count} classes");
        }

        return (all, validation);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}
