using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShapeSafe.IO;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Checkpoints;

/// <summary>
/// The checkpoint file: a zip archive of meta.json (<see cref="CheckpointMeta"/>), model.txt (the model's source:
/// a model file's text or PyTorch source, <see cref="CheckpointMeta.Language"/>), weights.bin (TorchSharp's module.save format: every parameter and buffer, e.g.
/// BatchNorm running statistics) and optimizer.bin (TorchSharp's optimizer state_dict format: Adam's
/// moments or SGD's momentum buffers, and the step counts), and checksums.sha256 (the SHA-256 of every other
/// entry, in sha256sum's format), verified before anything is used. Written atomically (<see cref="AtomicFile"/>): to a
/// uniquely named temporary file created exclusively in the same folder, flushed to disk, then renamed over the
/// target, so a kill at any moment leaves the previous checkpoint whole. Every entry's size is capped before it is
/// read. Version 1 checkpoints (written before checksums) are accepted without verification, and say so
/// (<see cref="Checkpoint.IsVerified"/>).
/// </summary>
public static class CheckpointFile
{
    public const string MetaEntry = "meta.json";
    public const string ModelEntry = "model.txt";
    public const string WeightsEntry = "weights.bin";
    public const string OptimizerEntry = "optimizer.bin";
    public const string ChecksumsEntry = "checksums.sha256";

    /// <summary>The largest meta.json read.</summary>
    public const long MaxMetaBytes = 16L * 1024 * 1024;

    /// <summary>The largest model.txt read: a model file's or Python source's limit.</summary>
    public const long MaxModelBytes = 8L * 1024 * 1024;

    /// <summary>The largest weights.bin or optimizer.bin read.</summary>
    public const long MaxTensorBytes = 1L << 30;

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
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        meta = meta with { Version = CheckpointMeta.CurrentVersion };
        AtomicFile.Write(full, file =>
        {
            var sums = new List<(string Name, string Hash)>();
            using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
            sums.Add(WriteEntry(zip, MetaEntry, CompressionLevel.Optimal, s => JsonSerializer.Serialize(s, meta, Json)));
            sums.Add(WriteEntry(zip, ModelEntry, CompressionLevel.Optimal, s =>
            {
                using var writer = new StreamWriter(s, leaveOpen: true);
                writer.Write(modelText);
            }));
            sums.Add(WriteEntry(zip, WeightsEntry, CompressionLevel.NoCompression, s =>
            {
                using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                model.save(writer);
            }));
            if (optimizer is not null)
            {
                sums.Add(WriteEntry(zip, OptimizerEntry, CompressionLevel.NoCompression, s =>
                {
                    using var writer = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                    optimizer.save_state_dict(writer);
                }));
            }

            var checksums = string.Concat(sums.Select(sum => $"{sum.Hash}  {sum.Name}\n"));
            using var stream = zip.CreateEntry(ChecksumsEntry, CompressionLevel.Optimal).Open();
            stream.Write(System.Text.Encoding.ASCII.GetBytes(checksums));
        });
    }

    /// <summary>checksums.sha256's text for the given entries: one <c>HASH  NAME</c> line each, as sha256sum writes.</summary>
    public static string Checksums(IEnumerable<(string Name, byte[] Content)> entries) =>
        string.Concat(entries.Select(e => $"{Convert.ToHexStringLower(SHA256.HashData(e.Content))}  {e.Name}\n"));

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
            var metaBytes = ReadEntry(zip, path, MetaEntry, MaxMetaBytes, required: true)!;
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

            var modelBytes = ReadEntry(zip, path, ModelEntry, MaxModelBytes, required: true)!;
            var weights = ReadEntry(zip, path, WeightsEntry, MaxTensorBytes, required: true)!;
            var optimizer = ReadEntry(zip, path, OptimizerEntry, MaxTensorBytes, required: false);
            var checksums = ReadEntry(zip, path, ChecksumsEntry, MaxMetaBytes, required: meta.Version >= 2);
            if (checksums is not null)
            {
                Verify(path, checksums, zip, [(MetaEntry, metaBytes), (ModelEntry, modelBytes), (WeightsEntry, weights), (OptimizerEntry, optimizer)]);
            }

            if (CheckpointMetaValidation.Problem(meta) is { } problem)
            {
                throw new CheckpointException(path, $"its {MetaEntry} is invalid: {problem}");
            }

            var modelText = System.Text.Encoding.UTF8.GetString(modelBytes);
            return new Checkpoint(path, meta, modelText, weights, optimizer) { IsVerified = checksums is not null };
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

    private static (string Name, string Hash) WriteEntry(ZipArchive zip, string name, CompressionLevel level, Action<Stream> write)
    {
        var entry = zip.CreateEntry(name, level);
        using var sha = SHA256.Create();
        using (var stream = entry.Open())
        using (var hashing = new CryptoStream(stream, sha, CryptoStreamMode.Write, leaveOpen: true))
        {
            write(hashing);
            hashing.FlushFinalBlock();
        }

        return (name, Convert.ToHexStringLower(sha.Hash!));
    }

    /// <summary>Checks every part against checksums.sha256: each entry of the archive listed, each listed entry present and matching.</summary>
    private static void Verify(string path, byte[] checksums, ZipArchive zip, IReadOnlyList<(string Name, byte[]? Content)> parts)
    {
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = System.Text.Encoding.ASCII.GetString(checksums).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ' || !line[..64].All(Uri.IsHexDigit) || !listed.TryAdd(line[66..], line[..64].ToLowerInvariant()))
            {
                throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture, $"its {ChecksumsEntry} is corrupt: line {i + 1} is not a SHA-256 and an entry name, once each"));
            }
        }

        foreach (var entry in zip.Entries.Where(e => e.FullName != ChecksumsEntry))
        {
            if (!listed.ContainsKey(entry.FullName))
            {
                throw new CheckpointException(path, $"has an entry {entry.FullName} that its {ChecksumsEntry} does not list; the file was changed after it was written");
            }
        }

        foreach (var (name, content) in parts)
        {
            var known = listed.TryGetValue(name, out var expected);
            if (content is null)
            {
                if (known)
                {
                    throw new CheckpointException(path, $"is incomplete: its {ChecksumsEntry} lists {name}, but the archive has none");
                }

                continue;
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(content));
            if (!known || actual != expected)
            {
                throw new CheckpointException(path, $"is corrupt: the SHA-256 of its {name} is {actual}, but its {ChecksumsEntry} says {expected ?? "nothing (not listed)"}; the file was damaged or changed after it was written");
            }
        }
    }

    private static byte[]? ReadEntry(ZipArchive zip, string path, string name, long maxBytes, bool required)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return required ? throw new CheckpointException(path, $"is incomplete: it has no {name}") : null;
        }

        if (entry.Length > maxBytes)
        {
            throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture, $"its {name} is too large: {entry.Length} bytes, at most {maxBytes}"));
        }

        // The declared length may lie: read at most one byte more than the cap, so a longer entry is refused, not held.
        using var stream = entry.Open();
        using var memory = new MemoryStream((int)Math.Min(entry.Length, 64L * 1024 * 1024));
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - memory.Length))) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > maxBytes)
            {
                throw new CheckpointException(path, string.Create(CultureInfo.InvariantCulture, $"its {name} is too large: more than {maxBytes} bytes"));
            }
        }

        return memory.ToArray();
    }
}
