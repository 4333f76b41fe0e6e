using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>
/// <c>shapesafe export MODEL|MODEL.py|CHECKPOINT --to pytorch DIR</c>'s work: a self-contained PyTorch project. model.py is
/// the model file written as an <c>nn.Module</c> (<see cref="PyTorchModuleWriter"/>) or the .py source as it is;
/// project.json says what the script needs (class, input, classes and normalization of a checkpoint, training settings);
/// train_ddp.py is the torchrun script; README.md says how to run it on one or several GPUs and nodes. A checkpoint also
/// gives weights.pt (torch.load) and weights.safetensors, which the script starts from. Every file is written atomically;
/// a model with errors writes nothing and returns its diagnostics.
/// </summary>
public static class PyTorchProjectExporter
{
    /// <summary>
    /// Throws <see cref="ModelSourceException"/> or <see cref="CheckpointException"/> for unusable files; libtorch must be
    /// initialized (CPU is enough) when the source is a checkpoint (its weights are written).
    /// </summary>
    public static PyTorchProjectResult Export(PyTorchProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = ModelSources.Resolve(request.SourcePath, allowPython: true);
        var checkpoint = source.Checkpoint;
        if (request.ClassName is not null && source.Kind != ModelSourceKind.PythonModule)
        {
            throw new ModelSourceException(request.SourcePath, "--class is for .py files; a model file or checkpoint has one model");
        }

        if (request.Input is not null && checkpoint is not null)
        {
            throw new ModelSourceException(request.SourcePath, "--input is for model files and .py files; a checkpoint keeps the input it was trained at");
        }

        var language = checkpoint?.Meta.Language ?? (source.Kind == ModelSourceKind.PythonModule ? SourceLanguage.Python : SourceLanguage.ModelFile);
        var modelName = checkpoint?.Meta.ModelName ?? Path.GetFileNameWithoutExtension(request.SourcePath);
        Model model;
        if (language == SourceLanguage.Python)
        {
            var check = checkpoint is not null
                ? CheckpointModel.CheckPython(checkpoint)
                : CheckService.Check(source.Path, source.ModelText, new CheckRequest { ClassName = request.ClassName, Inputs = request.Input is { } given ? [given] : [] });
            if (check.HasErrors || check.IsUsageError || check.Python?.ClassName is null)
            {
                return new PyTorchProjectResult(source, check.Diagnostics, [], null);
            }

            var className = check.Python.ClassName;
            var shape = check.Inputs.Count == 1 ? check.Inputs[0] : null;
            model = new Model(source.ModelText, className, checkpoint?.Meta.InputShape ?? (ImageSize.FromShape(shape) is null ? null : shape?.ToString()),
                checkpoint?.Meta.Input ?? ImageSize.FromShape(shape), Classes(check.Output), checkpoint?.Meta.SourceName ?? Path.GetFileName(request.SourcePath), check.Diagnostics);
        }
        else
        {
            var file = ModelFileParser.Parse(source.DisplayPath, source.ModelText);
            var first = request.Input is { } given ? ShapeChecker.Check(file, given) : ShapeChecker.Check(file);
            var input = checkpoint?.Meta.Input ?? ImageSize.FromShape(first.Input);
            var check = first.HasErrors || input is null ? first : ShapeChecker.Check(file, input.ToShape());
            if (check.HasErrors)
            {
                return new PyTorchProjectResult(source, check.Diagnostics, [], null);
            }

            var classes = Classes(check.Output);
            if (input is null || classes is null)
            {
                throw new ModelSourceException(request.SourcePath,
                    $"train_ddp.py trains image classifiers (input N x C x H x W, output N x classes), but this model takes {check.Input} and gives {check.Output}");
            }

            var className = PyTorchModuleWriter.ClassNameFor(modelName);
            var python = PyTorchModuleWriter.Write(check, className, checkpoint is null ? Path.GetFileName(request.SourcePath) : $"{Path.GetFileName(request.SourcePath)} ({modelName})");
            model = new Model(python, className, input.ToShape().ToString(), input, classes, null, check.Diagnostics) { ModelFileText = source.ModelText };
        }

        var folder = Path.GetFullPath(request.Folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(request.Folder, $"cannot be created ({e.Message})", e);
        }

        var written = new List<string>();
        Write(folder, PyTorchProjectFiles.Model, model.Python, written);
        if (checkpoint is not null)
        {
            written.Add(ExportService.Export(request.SourcePath, WeightsFormat.TorchSave, Path.Combine(folder, PyTorchProjectFiles.Weights)).Path);
            written.Add(ExportService.Export(request.SourcePath, WeightsFormat.Safetensors, Path.Combine(folder, PyTorchProjectFiles.SafetensorsWeights)).Path);
        }

        Write(folder, PyTorchProjectFiles.Project, ProjectJson(modelName, language, model, checkpoint?.Meta), written);
        Write(folder, PyTorchProjectFiles.TrainScript, PyTorchProjectFiles.TrainScriptText(), written);
        Write(folder, PyTorchProjectFiles.Readme, Readme(modelName, model.ClassName, checkpoint is not null), written);
        return new PyTorchProjectResult(source, model.Diagnostics, written, model.ClassName);
    }

    private static long? Classes(Shape? output) => output is { Rank: 2 } o && o[1].IsKnown && o[1].Value >= 2 ? o[1].Value : null;

    private static void Write(string folder, string name, string text, List<string> written)
    {
        var path = Path.Combine(folder, name);
        try
        {
            ShapeSafe.IO.AtomicFile.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(path, $"cannot be written ({e.Message})", e);
        }

        written.Add(path);
    }

    /// <summary>project.json: the model (its source for import, its class and input), a checkpoint's classes and normalization, and the training settings.</summary>
    private static string ProjectJson(string modelName, SourceLanguage language, Model model, CheckpointMeta? meta)
    {
        var settings = meta?.Settings ?? new TrainingSettings();
        var json = new JsonObject
        {
            ["format"] = "shapesafe-pytorch-project",
            ["version"] = 1,
            ["model_name"] = modelName,
            ["language"] = language == SourceLanguage.Python ? "python" : "model_file",
            ["class_name"] = model.ClassName,
            ["source_name"] = model.SourceName,
            ["model_source"] = model.ModelFileText ?? model.Python,
            ["input_shape"] = model.InputShape,
            ["input"] = model.Input is { } i ? new JsonArray(i.Channels, i.Height, i.Width) : null,
            ["num_classes"] = model.Classes,
            ["class_names"] = meta is null ? null : new JsonArray([.. meta.ClassNames.Select(n => JsonValue.Create(n))]),
            ["normalization"] = meta is null ? null : new JsonObject
            {
                ["mean"] = new JsonArray([.. meta.Normalization.Mean.Select(v => JsonValue.Create((double)v))]),
                ["std"] = new JsonArray([.. meta.Normalization.Std.Select(v => JsonValue.Create((double)v))]),
            },
            ["settings"] = new JsonObject
            {
                ["epochs"] = settings.Epochs,
                ["batch_size"] = settings.BatchSize,
                ["optimizer"] = settings.Optimizer == OptimizerKind.Adam ? "adam" : "sgd",
                ["learning_rate"] = settings.LearningRate,
                ["weight_decay"] = settings.WeightDecay,
                ["seed"] = settings.Seed,
                ["validation_fraction"] = settings.ValidationFraction,
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Readme(string modelName, string className, bool hasWeights) => string.Create(CultureInfo.InvariantCulture, $$"""
        # {{modelName}}: a PyTorch project exported by ShapeSafe

        Written by `shapesafe export --to pytorch`. Plain Python and PyTorch (1.13 or 2.x); nothing else is required.

        | file | what |
        |---|---|
        | `model.py` | the model, class `{{className}}` |
        | `project.json` | what the script needs: class, input size, training settings{{(hasWeights ? ", the checkpoint's classes and normalization" : string.Empty)}} |
        | `train_ddp.py` | the training script: DistributedDataParallel with a DistributedSampler, under `torchrun` |
        {{(hasWeights ? "| `weights.pt`, `weights.safetensors` | the checkpoint's weights (a state_dict); training starts from them |\n" : string.Empty)}}
        `--data` takes what `shapesafe train` takes: an IDX folder (`train-images-idx3-ubyte[.gz]` and friends; the `t10k-*`
        files are the test set) or an image folder (one subfolder per class, PNG or JPEG). Normalization, optimizer
        (Adam, lr 1e-3), seed (42) and the 10% validation split are those of `shapesafe train`. `--batch-size` is per
        process: the global batch is it times the number of processes.

        ## One machine, CPU or one GPU

            python3 train_ddp.py --data DATA --epochs 5 --out run

        ## One machine, several GPUs

            torchrun --nproc_per_node=G train_ddp.py --data DATA --epochs 5 --out run

        Each process takes the GPU of its `LOCAL_RANK`; the processes talk over NCCL (gloo on CPU-only machines, where
        `--nproc_per_node` is a number of processes). `--amp` trains in mixed precision (float16 with a gradient scaler on
        CUDA, bfloat16 on the CPU).

        ## Several machines

        Run the same command on every node, with the same rendezvous endpoint (a host and a free port of one of them):

            torchrun --nnodes=M --nproc_per_node=G --rdzv_backend c10d --rdzv_endpoint HOST:29400 \
                train_ddp.py --data DATA --epochs 5 --out run

        Every node reads `--data` itself: give each the same data set at the same path.

        Debian's `torchrun` (python3-torch, PyTorch 1.13) on Python 3.11 needs `--redirects 1 --tee 1` before the script
        (for example `torchrun --redirects 1 --tee 1 --nproc_per_node=2 train_ddp.py ...`); without them its log
        redirection fails to start the workers.

        ## What the run folder holds

        After every epoch, rank 0 writes into `--out`, each file through a temporary file and `os.replace`:
        `weights.pt` (the state_dict; also `weights.safetensors` when the safetensors package is installed), `state.pt`
        (optimizer state and epoch), `metrics.json` (world size and per-epoch loss, accuracy and images/s; test accuracy
        when there is a test set) and `checkpoint.json` (model source, class, class names, normalization, input shape).
        Running again with the same `--out` and a larger `--epochs` resumes after the last epoch.

        Bring the result back to ShapeSafe as a checkpoint for `evaluate`, `predict` and `train --resume`:

            shapesafe import run --out trained.ckpt

        """);

    /// <summary>The model as the project holds it.</summary>
    private sealed record Model(string Python, string ClassName, string? InputShape, ImageSize? Input, long? Classes, string? SourceName, IReadOnlyList<Diagnostic> Diagnostics)
    {
        /// <summary>For a model file: its text (import rebuilds the model from it); model.py is the generated module.</summary>
        public string? ModelFileText { get; init; }
    }
}
