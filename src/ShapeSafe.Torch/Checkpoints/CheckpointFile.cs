using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>
/// The checkpoint file: a zip archive of meta.json (<see cref="CheckpointMeta"/>), model.txt (the model's source:
/// a model file's text or PyTorch source, <see cref="CheckpointMeta.Language"/>), weights.bin (TorchSharp's module.save format: every parameter and buffer, e.g.
/// BatchNorm running statistics) and optimizer.bin (TorchSharp's optimizer state_dict format: Adam's
/// moments or SGD's momentum buffers, and the step counts). Written atomically: to a temporary file
/// in the same folder, flushed to disk, then renamed over the target, so a kill at any moment leaves
/// the previous checkpoint whole.
/// </summary>
public static class CheckpointFile
{
    public const string MetaEntry = "meta.json";
    public const string ModelEntry = "model.txt";
    public const string WeightsEntry = "weights.bin";
    public const string OptimizerEntry = "optimizer.bin";

    /// <summary>The JSON settings of meta.json (and of metrics.json): snake_case names, enums as lower-case words.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes a checkpoint atomically. <paramref name="optimizer"/> may be null (no training state to resume).</summary>
    public static void Write(string path, CheckpointMeta meta, string modelText, nn.Module model, OptimizerHelper? optimizer)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    WriteEntry(zip, MetaEntry, CompressionLevel.Optimal, s => JsonSerializer.Serialize(s, meta, Json));
                    WriteEntry(zip, ModelEntry, CompressionLevel.Optimal, s =>
                    {
                        using var writer = new StreamWriter(s, leaveOpen: true);
                        writer.Write(modelText);
                    });
                    WriteEntry(zip, WeightsEntry, CompressionLevel.NoCompression, s =>
                    {
                        using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                        model.save(writer);
                    });
                    if (optimizer is not null)
                    {
                        WriteEntry(zip, OptimizerEntry, CompressionLevel.NoCompression, s =>
                        {
                            using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                            optimizer.save_state_dict(writer);
                        });
                    }
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Reads a checkpoint into memory, checking that it has every part; a bad file gives a <see cref="CheckpointException"/> naming it.</summary>
    public static Checkpoint Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, "does not exist");
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var metaBytes = ReadEntry(zip, path, MetaEntry, required: true)!;
            CheckpointMeta? meta;
            try
            {
                using (var document = JsonDocument.Parse(metaBytes))
                {
                    if (document.RootElement.ValueKind != JsonValueKind.Object
                        || !document.RootElement.TryGetProperty("format", out var format)
                        || format.ValueKind != JsonValueKind.String
                        || format.GetString() != CheckpointMeta.FormatName)
                    {
                        throw new CheckpointException(path, $"is not a ShapeSafe checkpoint ({MetaEntry} does not say format \"{CheckpointMeta.FormatName}\")");
                    }
                }

                meta = JsonSerializer.Deserialize<CheckpointMeta>(metaBytes, Json);
            }
            catch (JsonException e)
            {
                throw new CheckpointException(path, $"its {MetaEntry} is not valid: {e.Message}", e);
            }

            if (meta is null)
            {
                throw new CheckpointException(path, $"its {MetaEntry} is empty");
            }

            if (meta.Version > CheckpointMeta.CurrentVersion)
            {
                throw new CheckpointException(path, $"was written by a newer ShapeSafe (checkpoint version {meta.Version}; this one reads up to {CheckpointMeta.CurrentVersion})");
            }

            if (meta.ClassNames.Count < 2 || meta.Normalization.Channels != meta.Input.Channels)
            {
                throw new CheckpointException(path, $"its {MetaEntry} is inconsistent: {meta.ClassNames.Count} classes, normalization for {meta.Normalization.Channels} channels, input {meta.Input}");
            }

            var modelText = System.Text.Encoding.UTF8.GetString(ReadEntry(zip, path, ModelEntry, required: true)!);
            var weights = ReadEntry(zip, path, WeightsEntry, required: true)!;
            var optimizer = ReadEntry(zip, path, OptimizerEntry, required: false);
            return new Checkpoint(path, meta, modelText, weights, optimizer);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(path, $"is corrupt: not a readable checkpoint archive ({e.Message.TrimEnd('.')})", e);
        }
        catch (IOException e)
        {
            throw new CheckpointException(path, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CheckpointException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        using var stream = entry.Open();
        write(stream);
    }

    private static byte[]? ReadEntry(ZipArchive zip, string path, string name, bool required)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return required ? throw new CheckpointException(path, $"is incomplete: it has no {name}") : null;
        }

        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
