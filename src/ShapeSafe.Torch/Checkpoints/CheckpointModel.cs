using ShapeSafe.Torch.Building;
using TorchSharp.Modules;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>Rebuilds a checkpoint's model from its model.txt, at its input size, and loads its weights.</summary>
public static class CheckpointModel
{
    /// <summary>The trained model on the CPU, in eval mode; a <see cref="CheckpointException"/> when it cannot be rebuilt.</summary>
    public static Sequential Load(Checkpoint checkpoint)
    {
        var build = ModuleBuilder.FromModelText($"{checkpoint.Path}!{CheckpointFile.ModelEntry}", checkpoint.ModelText, checkpoint.Meta.Input.ToShape());
        if (build.Module is not { } module)
        {
            var first = build.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.Severity.Error);
            throw new CheckpointException(checkpoint.Path,
                $"its model does not build: {build.Failure}{(first is null ? string.Empty : $" (line {first.Line}: {first.Message})")}");
        }

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
