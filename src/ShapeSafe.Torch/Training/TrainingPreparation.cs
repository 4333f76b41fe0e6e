using ShapeSafe.Syntax;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// A training run ready to start (<see cref="Job"/> and <see cref="Module"/>, the model built, seeded and
/// on its device), or the <see cref="Problem"/> that stopped it. <see cref="Warnings"/> (flags a resumed
/// checkpoint overrides) come either way. Dispose it to free the module.
/// </summary>
public sealed class TrainingPreparation : IDisposable
{
    internal TrainingPreparation(ModelFile model, IReadOnlyList<string> warnings)
    {
        Model = model;
        Warnings = warnings;
    }

    /// <summary>The model file trained (for Python: its path and lines): the request's, or the checkpoint's own when resuming a different one.</summary>
    public ModelFile Model { get; internal set; }

    public IReadOnlyList<string> Warnings { get; }

    public TrainingProblem? Problem { get; internal set; }

    public TrainingJob? Job { get; internal set; }

    /// <summary>The model to train: a model file's <c>Sequential</c> or a Python model's <c>GraphModule</c>.</summary>
    public nn.Module<Tensor, Tensor>? Module { get; internal set; }

    /// <summary>Parameters of the model.</summary>
    public long Parameters { get; internal set; }

    /// <summary>The device in words.</summary>
    public string? DeviceDescription { get; internal set; }

    public bool Ready => Problem is null && Job is not null && Module is not null;

    public void Dispose() => Module?.Dispose();
}
