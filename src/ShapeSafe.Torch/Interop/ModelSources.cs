using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// The one place where run, export and import turn a path into a model: a checkpoint (a zip archive with
/// meta.json), a model file, or (for run, <c>allowPython</c>) a Python module. Python modules elsewhere and ONNX graphs are
/// refused here with a clear message;
/// a new kind of source is added here (a <see cref="ModelSourceKind"/> and its branch) and every command takes it.
/// </summary>
public static class ModelSources
{
    private const long MaxModelFileBytes = 8 * 1024 * 1024;

    public static ModelSource Resolve(string path, bool allowPython = false)
    {
        if (Directory.Exists(path))
        {
            throw new ModelSourceException(path, "is a folder, not a model file or checkpoint");
        }

        if (!File.Exists(path))
        {
            throw new ModelSourceException(path, "no such file");
        }

        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".py" && allowPython)
        {
            return new ModelSource(ModelSourceKind.PythonModule, path, path, ReadText(path), null);
        }

        if (extension == ".py")
        {
            throw new ModelSourceException(path, "Python modules are not yet supported by export and import (run takes them); write the network as a model file (docs/model-files.md), or check it with 'shapesafe check'");
        }

        if (extension == ".onnx")
        {
            throw new ModelSourceException(path, "ONNX models are not supported by run, export and import");
        }

        if (IsZip(path))
        {
            var checkpoint = CheckpointFile.Read(path);
            return new ModelSource(ModelSourceKind.Checkpoint, path, $"{path}!{CheckpointFile.ModelEntry}", checkpoint.ModelText, checkpoint);
        }

        return new ModelSource(ModelSourceKind.ModelFile, path, path, ReadText(path), null);
    }

    /// <summary>A model file's text (UTF-8), after checking that it is a readable file of a sane size.</summary>
    public static string ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ModelSourceException(path, "no such file");
            }

            if (info.Length > MaxModelFileBytes)
            {
                throw new ModelSourceException(path, $"{info.Length} bytes is too large for a model file (at most {MaxModelFileBytes})");
            }

            return new System.Text.UTF8Encoding(false, false).GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static bool IsZip(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var head = new byte[4];
            return stream.Read(head, 0, 4) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSourceException(path, $"cannot be read ({e.Message})", e);
        }
    }
}
