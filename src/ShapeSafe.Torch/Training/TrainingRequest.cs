using ShapeSafe.Syntax;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Everything a training run is asked to do: a parsed model file, the data (an IDX folder, an image
/// folder with one subfolder per class, or fashion-mnist), the settings, and optionally a checkpoint
/// to resume, a validation folder, the device, the CPU threads and the output folder (default runs/MODEL).
/// </summary>
public sealed record TrainingRequest(ModelFile Model, string DataPath)
{
    public TrainingSettings Settings { get; init; } = new();

    /// <summary>CPU threads libtorch uses; null leaves libtorch's default.</summary>
    public int? Threads { get; init; }

    public DeviceRequest Device { get; init; } = DeviceRequest.Cpu;

    public string? OutputFolder { get; init; }

    /// <summary>A checkpoint to continue from up to <see cref="TrainingSettings.Epochs"/>; its other settings win.</summary>
    public string? ResumePath { get; init; }

    /// <summary>A validation image folder (or IDX folder, its t10k files) instead of holding out part of the training data.</summary>
    public string? ValidationPath { get; init; }

    /// <summary>
    /// The settings the caller chose on purpose, by their option names (<see cref="ResumeWarnings.Options"/>):
    /// when resuming, each of them whose value differs from the checkpoint's gets a warning. Null: every
    /// setting that differs from the checkpoint's.
    /// </summary>
    public IReadOnlySet<string>? GivenOptions { get; init; }

    /// <summary>The model's name: its file name without the extension.</summary>
    public string ModelName => Path.GetFileNameWithoutExtension(Model.Path);

    /// <summary>Where checkpoints and metrics go.</summary>
    public string EffectiveOutputFolder => OutputFolder ?? Path.Combine("runs", ModelName);

    /// <summary>A request for the model file at <paramref name="modelPath"/> (read and parsed here; an I/O problem throws).</summary>
    public static TrainingRequest ForFile(string modelPath, string dataPath) =>
        new(ModelFileParser.Parse(modelPath, File.ReadAllText(modelPath)), dataPath);
}
