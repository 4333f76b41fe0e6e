using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Interop.PyTorchProject;
using ShapeSafe.Torch.Training;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <c>shapesafe import</c>'s work: reads a PyTorch state_dict's index (.pt/.pth or .safetensors; nothing loaded
/// yet), matches every key and shape against the model file's state_dict as built, and only when all match
/// copies the tensors in and writes a complete checkpoint (model text, weights, meta) that evaluate, predict and
/// run take. Any mismatch is a diagnostic on the model file and nothing is written.
/// </summary>
public static class ImportService
{
    /// <summary>
    /// Throws <see cref="ModelSourceException"/>, <see cref="CheckpointException"/> or <see cref="WeightsFormatException"/>
    /// for unusable files; libtorch must be initialized (CPU is enough).
    /// </summary>
    public static ImportResult Import(ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunFolder.IsRunFolder(request.WeightsPath))
        {
            return ImportRun(request);
        }

        if (request.ModelPath is null)
        {
            throw new ModelSourceException(request.WeightsPath, Directory.Exists(request.WeightsPath)
                ? $"is a folder without {PyTorchProjectFiles.RunInfo}: import takes a run folder of train_ddp.py, or a state_dict file with --model"
                : "needs --model: the model file or .py source the state_dict belongs to");
        }

        var source = ModelSources.Resolve(request.ModelPath, allowPython: true);
        if (source.Kind == ModelSourceKind.PythonModule)
        {
            return ImportPython(request, source, request.WeightsPath, null);
        }

        if (request.ClassName is not null)
        {
            throw new ModelSourceException(request.ModelPath, "--class is for .py files; a model file has one model");
        }

        return ImportModelFile(request, source, request.WeightsPath, null);
    }

    /// <summary>
    /// A run folder of train_ddp.py: the model source, classes, normalization, input and metrics from its checkpoint.json,
    /// its weights.pt matched against that model as a state_dict file is, then a checkpoint that evaluate, predict and
    /// train --resume take (without optimizer state: a resumed run starts its optimizer afresh).
    /// </summary>
    private static ImportResult ImportRun(ImportRequest request)
    {
        var folder = request.WeightsPath;
        if (request.ModelPath is not null || request.ClassName is not null)
        {
            throw new ModelSourceException(folder, "is a run folder, which names its model and class: leave out --model and --class");
        }

        var run = RunFolder.Read(folder);
        var weights = Path.Combine(folder, PyTorchProjectFiles.Weights);
        var name = run.SourceName ?? (run.ModelName + (run.Language == ShapeSafe.Checking.SourceLanguage.Python ? ".py" : ".model"));
        var kind = run.Language == ShapeSafe.Checking.SourceLanguage.Python ? ModelSourceKind.PythonModule : ModelSourceKind.ModelFile;
        var display = Path.Combine(folder, name);
        var source = new ModelSource(kind, display, display, run.ModelSource!, null);
        return kind == ModelSourceKind.PythonModule ? ImportPython(request, source, weights, run) : ImportModelFile(request, source, weights, run);
    }

    private static ImportResult ImportModelFile(ImportRequest request, ModelSource source, string weightsPath, RunFolderInfo? run)
    {
        var file = ModelFileParser.Parse(source.DisplayPath, source.ModelText);
        var check = run is null ? ShapeChecker.Check(file) : ShapeChecker.Check(file, run.Input!.ToShape());
        if (check.HasErrors)
        {
            return new ImportResult(source, check.Diagnostics, null, 0);
        }

        var archive = WeightsFile.Open(weightsPath);
        var input = ImageSize.FromShape(check.Input);
        var classes = check.Output is { Rank: 2 } output && output[1].IsKnown ? output[1].Value : 0;
        if (input is null || classes < 2)
        {
            throw new ModelSourceException(source.Path,
                $"checkpoints hold image classifiers (input N x C x H x W, output N x classes), but this model takes {check.Input} and gives {check.Output}");
        }

        var build = ModuleBuilder.Build(check);
        using var model = build.Module ?? throw new ModelSourceException(source.Path, $"does not build: {build.Failure}");
        var expected = StateDicts.Expected(model);
        var mismatches = StateDictMatcher.Match(check, expected, archive.Entries, weightsPath);
        if (mismatches.Count > 0)
        {
            return new ImportResult(source, [.. check.Diagnostics, .. mismatches], null, 0);
        }

        Load(model, archive);
        var meta = run is null ? Meta(request, input, classes) : RunMeta(request, run, input, classes);
        CheckpointFile.Write(request.OutputPath, meta, source.ModelText, model, optimizer: null);
        return new ImportResult(source, check.Diagnostics, meta, expected.Count);
    }

    /// <summary>
    /// A .py model: checked at its declared input (comment or usage), its GraphModule's state_dict matched key by key
    /// against the file (modules looked up by qualified name), then a checkpoint that keeps the source, class and input.
    /// </summary>
    private static ImportResult ImportPython(ImportRequest request, ModelSource source, string weightsPath, RunFolderInfo? run)
    {
        var checkRequest = run is null
            ? new ShapeSafe.Checking.CheckRequest { ClassName = request.ClassName }
            : new ShapeSafe.Checking.CheckRequest
            {
                ClassName = run.ClassName,
                Inputs = [run.InputShape is { } text && ShapeSafe.Shapes.ShapeParser.TryParse(text, out var parsed, out _) ? parsed : run.Input!.ToShape()],
            };
        var check = ShapeSafe.Checking.CheckService.Check(source.Path, source.ModelText, checkRequest);
        if (check.HasErrors || check.IsUsageError || check.Graph is null)
        {
            return new ImportResult(source, check.Diagnostics, null, 0);
        }

        var shape = check.Inputs.Count == 1 ? check.Inputs[0] : null;
        var input = ImageSize.FromShape(shape);
        var classes = check.Output is { Rank: 2 } output && output[1].IsKnown ? output[1].Value : 0;
        if (input is null || classes < 2)
        {
            throw new ModelSourceException(source.Path,
                $"checkpoints hold image classifiers (one input N x C x H x W, output N x classes), but this model takes {string.Join(", ", check.Inputs)} and gives {check.Output?.ToString() ?? "no single tensor"}");
        }

        var archive = WeightsFile.Open(weightsPath);
        var built = ShapeSafe.Torch.Runtime.GraphModule.Build(check);
        using var model = built.Module ?? throw new ModelSourceException(source.Path, $"does not run: {built.Failure}");
        var expected = StateDicts.Expected(model);
        var mismatches = PythonStateDictMatcher.Match(check.Graph.Root, expected, archive.Entries, weightsPath);
        if (mismatches.Count > 0)
        {
            return new ImportResult(source, [.. check.Diagnostics, .. mismatches], null, 0);
        }

        Load(model, archive);
        var meta = (run is null ? Meta(request, input, classes) : RunMeta(request, run, input, classes)) with
        {
            Language = ShapeSafe.Checking.SourceLanguage.Python,
            SourceName = Path.GetFileName(source.Path),
            ClassName = check.Python?.ClassName,
            InputShape = shape!.ToString(),
        };
        CheckpointFile.Write(request.OutputPath, meta, source.ModelText, model, optimizer: null);
        return new ImportResult(source, check.Diagnostics, meta, expected.Count);
    }

    /// <summary>
    /// An imported checkpoint's settings: no training statistics are known, so classes are named 0..K-1 and images are
    /// read as pixel/255 (mean 0, std 1); the weights file is where it came from.
    /// </summary>
    private static CheckpointMeta Meta(ImportRequest request, ImageSize input, long classes) => new()
    {
        ModelName = Path.GetFileNameWithoutExtension(request.ModelPath!),
        Input = input,
        ClassNames = Enumerable.Range(0, checked((int)classes)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        Normalization = new Normalization(Enumerable.Repeat(0f, input.Channels).ToArray(), Enumerable.Repeat(1f, input.Channels).ToArray()),
        DataKind = DataKind.ImageFolder,
        DataPath = request.WeightsPath,
        Epoch = 0,
        Settings = new TrainingSettings(),
        Metrics = [],
        ImportedFrom = request.WeightsPath,
    };

    /// <summary>A run's settings: its classes, normalization, data, epochs and metrics, checked against the model it names.</summary>
    private static CheckpointMeta RunMeta(ImportRequest request, RunFolderInfo run, ImageSize input, long classes)
    {
        if (run.Input != input || run.ClassNames!.Count != classes)
        {
            throw new ModelSourceException(Path.Combine(request.WeightsPath, PyTorchProjectFiles.RunInfo),
                $"says the run trained {run.Input} images of {run.ClassNames!.Count} classes, but its model takes {input} images and gives {classes} classes");
        }

        return new CheckpointMeta
        {
            ModelName = run.ModelName!,
            Input = input,
            ClassNames = run.ClassNames,
            Normalization = run.Normalization!,
            DataKind = run.DataKind,
            DataPath = run.DataPath ?? request.WeightsPath,
            GeneratedData = run.GeneratedData,
            Epoch = run.Epoch,
            Settings = run.Settings!,
            Metrics = run.Metrics ?? [],
            ImportedFrom = Path.GetFullPath(request.WeightsPath),
        };
    }

    /// <summary>Copies every entry into the tensor of the same key (converting the element type, as load_state_dict does).</summary>
    internal static void Load(nn.Module model, WeightsArchive archive)
    {
        var byKey = archive.Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var (key, target) in model.state_dict())
        {
            using var scope = NewDisposeScope();
            var entry = byKey[key];
            var source = TorchDTypes.FromBytes(entry.DType, entry.Shape, archive.ReadBytes(entry));
            target.copy_(source);
        }
    }
}
