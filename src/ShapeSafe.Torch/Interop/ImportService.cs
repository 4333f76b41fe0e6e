using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
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
        var source = ModelSources.Resolve(request.ModelPath, allowPython: true);
        if (source.Kind == ModelSourceKind.PythonModule)
        {
            return ImportPython(request, source);
        }

        if (request.ClassName is not null)
        {
            throw new ModelSourceException(request.ModelPath, "--class is for .py files; a model file has one model");
        }

        var check = ShapeChecker.Check(ModelFileParser.Parse(source.DisplayPath, source.ModelText));
        if (check.HasErrors)
        {
            return new ImportResult(source, check.Diagnostics, null, 0);
        }

        var archive = WeightsFile.Open(request.WeightsPath);
        var input = ImageSize.FromShape(check.Input);
        var classes = check.Output is { Rank: 2 } output && output[1].IsKnown ? output[1].Value : 0;
        if (input is null || classes < 2)
        {
            throw new ModelSourceException(request.ModelPath,
                $"checkpoints hold image classifiers (input N x C x H x W, output N x classes), but this model takes {check.Input} and gives {check.Output}");
        }

        var build = ModuleBuilder.Build(check);
        using var model = build.Module ?? throw new ModelSourceException(request.ModelPath, $"does not build: {build.Failure}");
        var expected = StateDicts.Expected(model);
        var mismatches = StateDictMatcher.Match(check, expected, archive.Entries, request.WeightsPath);
        if (mismatches.Count > 0)
        {
            return new ImportResult(source, [.. check.Diagnostics, .. mismatches], null, 0);
        }

        Load(model, archive);
        var meta = Meta(request, input, classes);
        CheckpointFile.Write(request.OutputPath, meta, source.ModelText, model, optimizer: null);
        return new ImportResult(source, check.Diagnostics, meta, expected.Count);
    }

    /// <summary>
    /// A .py model: checked at its declared input (comment or usage), its GraphModule's state_dict matched key by key
    /// against the file (modules looked up by qualified name), then a checkpoint that keeps the source, class and input.
    /// </summary>
    private static ImportResult ImportPython(ImportRequest request, ModelSource source)
    {
        var check = ShapeSafe.Checking.CheckService.Check(source.Path, source.ModelText, new ShapeSafe.Checking.CheckRequest { ClassName = request.ClassName });
        if (check.HasErrors || check.IsUsageError || check.Graph is null)
        {
            return new ImportResult(source, check.Diagnostics, null, 0);
        }

        var shape = check.Inputs.Count == 1 ? check.Inputs[0] : null;
        var input = ImageSize.FromShape(shape);
        var classes = check.Output is { Rank: 2 } output && output[1].IsKnown ? output[1].Value : 0;
        if (input is null || classes < 2)
        {
            throw new ModelSourceException(request.ModelPath,
                $"checkpoints hold image classifiers (one input N x C x H x W, output N x classes), but this model takes {string.Join(", ", check.Inputs)} and gives {check.Output?.ToString() ?? "no single tensor"}");
        }

        var archive = WeightsFile.Open(request.WeightsPath);
        var built = ShapeSafe.Torch.Runtime.GraphModule.Build(check);
        using var model = built.Module ?? throw new ModelSourceException(request.ModelPath, $"does not run: {built.Failure}");
        var expected = StateDicts.Expected(model);
        var mismatches = PythonStateDictMatcher.Match(check.Graph.Root, expected, archive.Entries, request.WeightsPath);
        if (mismatches.Count > 0)
        {
            return new ImportResult(source, [.. check.Diagnostics, .. mismatches], null, 0);
        }

        Load(model, archive);
        var meta = Meta(request, input, classes) with
        {
            Language = ShapeSafe.Checking.SourceLanguage.Python,
            SourceName = Path.GetFileName(request.ModelPath),
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
        ModelName = Path.GetFileNameWithoutExtension(request.ModelPath),
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
