using ShapeSafe.Checking;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Training;

/// <summary>Everything a training run needs besides the model itself: the data, the settings, where to write, what to resume.</summary>
public sealed record TrainingJob
{
    /// <summary>The model's name, used in checkpoints and the default output folder.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model's source (a model file's text or PyTorch source), stored in every checkpoint so the model can be rebuilt later.</summary>
    public required string ModelText { get; init; }

    /// <summary>The language of <see cref="ModelText"/>.</summary>
    public SourceLanguage Language { get; init; } = SourceLanguage.ModelFile;

    /// <summary>For a Python model: the source file's name, its class (null: the checker's choice) and the input shape it was checked at.</summary>
    public string? SourceName { get; init; }

    /// <inheritdoc cref="SourceName"/>
    public string? ClassName { get; init; }

    /// <inheritdoc cref="SourceName"/>
    public string? InputShape { get; init; }

    public required ImageSize Input { get; init; }

    public required Normalization Normalization { get; init; }

    public required ImageSet Train { get; init; }

    public required ImageSet Validation { get; init; }

    public required TrainingSettings Settings { get; init; }

    public required string OutputFolder { get; init; }

    /// <summary>Where the training data came from, and whether make-data generated it.</summary>
    public required string DataPath { get; init; }

    public bool GeneratedData { get; init; }

    public Device Device { get; init; } = CPU;

    /// <summary>A checkpoint to continue from: its weights, optimizer state, epoch and metrics.</summary>
    public Checkpoint? Resume { get; init; }

    public IReadOnlyList<string> ClassNames => Train.ClassNames;

    public string LastCheckpointPath => Path.Combine(OutputFolder, "last.ckpt");

    public string BestCheckpointPath => Path.Combine(OutputFolder, "best.ckpt");
}
