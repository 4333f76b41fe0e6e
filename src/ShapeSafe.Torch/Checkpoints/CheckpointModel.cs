using ShapeSafe.Checking;
using ShapeSafe.Shapes;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>
/// Rebuilds a checkpoint's model from its source, at its input size, and loads its weights: a model file's
/// <see cref="Sequential"/>, or a Python model's <see cref="GraphModule"/> after checking the source again.
/// </summary>
public static class CheckpointModel
{
    /// <summary>
    /// The trained model on the CPU, in eval mode, whatever its source language: the graph runtime's
    /// <see cref="GraphModule"/>; a <see cref="CheckpointException"/> when it cannot be rebuilt.
    /// </summary>
    public static nn.Module<Tensor, Tensor> LoadModule(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Meta.Language == SourceLanguage.Python ? LoadPython(checkpoint) : LoadModelFile(checkpoint);
    }

    /// <summary>A model-file checkpoint's trained <see cref="GraphModule"/> on the CPU, in eval mode, checked at its input size.</summary>
    public static GraphModule LoadModelFile(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Meta.Language != SourceLanguage.ModelFile)
        {
            throw new CheckpointException(checkpoint.Path, $"holds a {checkpoint.Meta.Language} model, not a model file: load it with {nameof(LoadModule)}");
        }

        return LoadModelFile(checkpoint, CheckService.Check($"{checkpoint.Path}!{CheckpointFile.ModelEntry}", checkpoint.ModelText, new CheckRequest { Inputs = [checkpoint.Meta.Input.ToShape()] }));
    }

    /// <summary>A model-file checkpoint's trained <see cref="GraphModule"/> built from <paramref name="check"/> (its source at another input), on the CPU, in eval mode.</summary>
    public static GraphModule LoadModelFile(Checkpoint checkpoint, FileCheck check)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(check);
        var built = GraphModule.Build(check);
        if (built.Module is not { } module)
        {
            var first = check.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error);
            throw new CheckpointException(checkpoint.Path,
                $"its model does not build: {built.Failure}{(first is null ? string.Empty : $" (line {first.Line}: {first.Message})")}");
        }

        return WithWeights(checkpoint, module);
    }

    /// <summary>
    /// A model-file checkpoint's trained model as ModuleBuilder's <see cref="Sequential"/> (the C# convenience), on the
    /// CPU, in eval mode; a <see cref="CheckpointException"/> when it cannot be rebuilt.
    /// </summary>
    public static Sequential Load(Checkpoint checkpoint)
    {
        if (checkpoint.Meta.Language != SourceLanguage.ModelFile)
        {
            throw new CheckpointException(checkpoint.Path, $"holds a {checkpoint.Meta.Language} model, not a model file: load it with {nameof(LoadModule)}");
        }

        var build = ModuleBuilder.FromModelText($"{checkpoint.Path}!{CheckpointFile.ModelEntry}", checkpoint.ModelText, checkpoint.Meta.Input.ToShape());
        if (build.Module is not { } module)
        {
            var first = build.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error);
            throw new CheckpointException(checkpoint.Path,
                $"its model does not build: {build.Failure}{(first is null ? string.Empty : $" (line {first.Line}: {first.Message})")}");
        }

        return WithWeights(checkpoint, module);
    }

    /// <summary>
    /// A Python checkpoint's source checked again at its input shape (<see cref="CheckpointMeta.InputShape"/>, else N x C x H x W
    /// of <see cref="CheckpointMeta.Input"/>) and class; the path names the checkpoint and the source file.
    /// </summary>
    public static FileCheck CheckPython(Checkpoint checkpoint, Shape? input = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var meta = checkpoint.Meta;
        var shape = input ?? (meta.InputShape is { } text && ShapeParser.TryParse(text, out var parsed, out _) ? parsed : meta.Input.ToShape());
        var name = meta.SourceName ?? "model.py";
        if (!name.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
        {
            name += ".py";
        }

        return CheckService.Check($"{checkpoint.Path}!{name}", checkpoint.ModelText, new CheckRequest { Inputs = [shape], ClassName = meta.ClassName });
    }

    /// <summary>A Python checkpoint's trained <see cref="GraphModule"/> on the CPU, in eval mode.</summary>
    public static GraphModule LoadPython(Checkpoint checkpoint)
    {
        var check = CheckPython(checkpoint);
        if (check.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error) is { } error)
        {
            throw new CheckpointException(checkpoint.Path, $"its Python model does not check at its input {check.Inputs.FirstOrDefault()?.ToString() ?? checkpoint.Meta.Input.ToString()}: line {error.Line}: {error.Message}");
        }

        var built = GraphModule.Build(check);
        if (built.Module is not { } module)
        {
            throw new CheckpointException(checkpoint.Path, $"its Python model does not build: {built.Failure}");
        }

        return WithWeights(checkpoint, module);
    }

    /// <summary>
    /// A Python checkpoint's model built from its source checked at <paramref name="check"/>'s input (another batch or
    /// size than it was trained at), with the checkpoint's weights, on the CPU, in eval mode.
    /// </summary>
    public static GraphModule LoadPython(Checkpoint checkpoint, FileCheck check)
    {
        var built = GraphModule.Build(check);
        if (built.Module is not { } module)
        {
            throw new CheckpointException(checkpoint.Path, $"its Python model does not build: {built.Failure}");
        }

        return WithWeights(checkpoint, module);
    }

    private static T WithWeights<T>(Checkpoint checkpoint, T module)
        where T : nn.Module
    {
        try
        {
            checkpoint.LoadWeights(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }

        module.eval();
        return module;
    }
}
