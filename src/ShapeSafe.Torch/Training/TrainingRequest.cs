using ShapeSafe.Checking;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Everything a training run is asked to do: a parsed model file (or a PyTorch <c>.py</c> file, see
/// <see cref="ForPython"/>), the data (an IDX folder, an image
/// folder with one subfolder per class, or fashion-mnist), the settings, and optionally a checkpoint
/// to resume, a validation folder, the device, the CPU threads and the output folder (default runs/MODEL).
/// </summary>
public sealed record TrainingRequest(ModelFile Model, string DataPath)
{
    public TrainingSettings Settings { get; init; } = new();

    /// <summary>For a Python model: the <c>nn.Module</c> class to train; null lets the checker choose.</summary>
    public string? ClassName { get; init; }

    /// <summary>The model's source language, by <see cref="ModelFile.Path"/>'s extension (<c>.py</c> is PyTorch source).</summary>
    public SourceLanguage Language => CheckService.LanguageOf(Model.Path);

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

    /// <summary>A request for the model file or <c>.py</c> file at <paramref name="modelPath"/> (read here; an I/O problem throws).</summary>
    public static TrainingRequest ForFile(string modelPath, string dataPath, string? className = null)
    {
        var text = File.ReadAllText(modelPath);
        return CheckService.LanguageOf(modelPath) == SourceLanguage.Python
            ? ForPython(modelPath, text, dataPath, className)
            : new(ModelFileParser.Parse(modelPath, text), dataPath);
    }

    /// <summary>
    /// A request for PyTorch source <paramref name="text"/> (<paramref name="path"/> must end in <c>.py</c>): its
    /// <see cref="Model"/> carries the path and lines only, for diagnostics.
    /// </summary>
    public static TrainingRequest ForPython(string path, string text, string dataPath, string? className = null)
    {
        if (CheckService.LanguageOf(path) != SourceLanguage.Python)
        {
            throw new ArgumentException($"{path}: a Python model's path must end in .py", nameof(path));
        }

        return new(SourceOnly(path, text), dataPath) { ClassName = className };
    }

    /// <summary>A Python file as a <see cref="ModelFile"/> of its path and lines, with no layers: what diagnostics are rendered against.</summary>
    internal static ModelFile SourceOnly(string path, string text) =>
        new(path, text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), null, [], []);
}
