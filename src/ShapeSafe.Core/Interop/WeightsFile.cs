namespace ShapeSafe.Interop;

/// <summary>Opens a state_dict file: .pt and .pth (torch.save's zip format) or .safetensors; another extension by its content.</summary>
public static class WeightsFile
{
    public static WeightsArchive Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new WeightsFormatException(path, "is a folder, not a weights file");
        }

        if (!File.Exists(path))
        {
            throw new WeightsFormatException(path, "no such file");
        }

        return FormatOf(path) == WeightsFormat.TorchSave ? TorchSaveFile.Open(path) : SafetensorsFile.Open(path);
    }

    /// <summary>The format by extension (.safetensors; .pt, .pth), else by content: a zip archive is torch.save's format.</summary>
    public static WeightsFormat FormatOf(string path)
    {
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return WeightsFormat.Safetensors;
        }

        if (path.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))
        {
            return WeightsFormat.TorchSave;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var head = new byte[4];
            var read = stream.Read(head, 0, 4);
            return read == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4 ? WeightsFormat.TorchSave : WeightsFormat.Safetensors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFormatException(path, $"cannot be read ({e.Message})", e);
        }
    }
}
