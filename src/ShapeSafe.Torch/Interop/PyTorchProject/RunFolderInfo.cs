using ShapeSafe.Checking;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>
/// checkpoint.json of a run folder written by train_ddp.py: the model (source, language, class, input shape), the data's
/// classes and normalization, the settings, the epochs completed and their metrics. Snake_case names, as meta.json.
/// </summary>
public sealed record RunFolderInfo
{
    public string? Format { get; init; }

    public int Version { get; init; }

    public string? ModelName { get; init; }

    public SourceLanguage Language { get; init; }

    public string? SourceName { get; init; }

    public string? ClassName { get; init; }

    public string? InputShape { get; init; }

    public string? ModelSource { get; init; }

    public ImageSize? Input { get; init; }

    public IReadOnlyList<string>? ClassNames { get; init; }

    public Normalization? Normalization { get; init; }

    public DataKind DataKind { get; init; }

    public string? DataPath { get; init; }

    public bool GeneratedData { get; init; }

    public int Epoch { get; init; }

    public TrainingSettings? Settings { get; init; }

    public IReadOnlyList<EpochMetrics>? Metrics { get; init; }

    public int WorldSize { get; init; } = 1;
}
