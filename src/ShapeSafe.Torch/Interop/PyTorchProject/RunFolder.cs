using System.Text.Json;
using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>A run folder written by train_ddp.py (<c>--out</c>): recognized by its checkpoint.json, read and checked here.</summary>
public static class RunFolder
{
    /// <summary>True when <paramref name="path"/> is a folder holding a checkpoint.json.</summary>
    public static bool IsRunFolder(string path) => Directory.Exists(path) && File.Exists(Path.Combine(path, PyTorchProjectFiles.RunInfo));

    /// <summary>The run's checkpoint.json, checked for every part import needs; a <see cref="ModelSourceException"/> names what is wrong.</summary>
    public static RunFolderInfo Read(string folder)
    {
        var path = Path.Combine(folder, PyTorchProjectFiles.RunInfo);
        RunFolderInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<RunFolderInfo>(File.ReadAllBytes(path), CheckpointFile.Json);
        }
        catch (JsonException e)
        {
            throw new ModelSourceException(path, $"is not valid: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(path, $"cannot be read ({e.Message})", e);
        }

        if (info is null || info.Format != PyTorchProjectFiles.RunFormat)
        {
            throw new ModelSourceException(path, $"is not a run of train_ddp.py (its format is not \"{PyTorchProjectFiles.RunFormat}\")");
        }

        var missing = new List<string>();
        if (string.IsNullOrEmpty(info.ModelName))
        {
            missing.Add("model_name");
        }

        if (string.IsNullOrEmpty(info.ModelSource))
        {
            missing.Add("model_source");
        }

        if (info.Input is null)
        {
            missing.Add("input");
        }

        if (info.ClassNames is not { Count: >= 2 })
        {
            missing.Add("class_names (two or more)");
        }

        if (info.Normalization is null || info.Input is not null && info.Normalization.Channels != info.Input.Channels)
        {
            missing.Add("normalization (one mean and std per input channel)");
        }

        if (info.Settings is null)
        {
            missing.Add("settings");
        }

        if (missing.Count > 0)
        {
            throw new ModelSourceException(path, $"lacks {string.Join(", ", missing)}");
        }

        if (!File.Exists(Path.Combine(folder, PyTorchProjectFiles.Weights)))
        {
            throw new ModelSourceException(folder, $"has no {PyTorchProjectFiles.Weights}: the run wrote no epoch yet");
        }

        return info;
    }
}
