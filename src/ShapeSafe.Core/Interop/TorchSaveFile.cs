using System.IO.Compression;

namespace ShapeSafe.Interop;

/// <summary>
/// Reads the index of a torch.save file (PyTorch 1.6+'s zip format): <c>ARCHIVE/data.pkl</c> is unpickled as
/// data (<see cref="PickleReader"/>, nothing is run) into key, type, shape and strides per tensor, and every
/// view is checked against its storage record's real size before any tensor data is read. A whole pickled
/// model, a dict of several state_dicts, the legacy pre-1.6 format or big-endian data are clear errors.
/// </summary>
public static class TorchSaveFile
{
    /// <summary>The largest data.pkl read; a state_dict's is a few kilobytes per tensor.</summary>
    public const long MaxPickleBytes = 256L * 1024 * 1024;

    public static WeightsArchive Open(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var magic = new byte[4];
            var read = stream.Read(magic, 0, 4);
            if (read < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4)
            {
                throw new WeightsFormatException(path, read >= 2 && magic[0] == 0x80
                    ? "is in PyTorch's legacy (pre-1.6) serialization format; re-save it with torch.save(state_dict, path) from PyTorch 1.6 or later"
                    : "is not a torch.save file (not a zip archive) and not a safetensors file");
            }

            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var pickle = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1)
                ?? throw new WeightsFormatException(path, "is a zip archive without ARCHIVE/data.pkl, so not a torch.save file");
            var prefix = pickle.FullName[..^"data.pkl".Length];
            var byteorder = zip.GetEntry(prefix + "byteorder");
            if (byteorder is not null && ReadAll(byteorder, path, 16) is var order && System.Text.Encoding.ASCII.GetString(order).Trim() != "little")
            {
                throw new WeightsFormatException(path, "holds big-endian tensors (its byteorder record says so); re-save it on a little-endian machine");
            }

            var root = PickleReader.Read(ReadAll(pickle, path, MaxPickleBytes), path);
            var records = zip.Entries.ToDictionary(e => e.FullName, e => e.Length, StringComparer.Ordinal);
            var entries = Entries(path, root, prefix, records);
            return new WeightsArchive(path, WeightsFormat.TorchSave, entries, entry => ReadEntry(path, prefix, entry));
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFormatException(path, $"is corrupt or truncated: not a readable zip archive ({e.Message.TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFormatException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static List<WeightsEntry> Entries(string path, object? root, string prefix, Dictionary<string, long> records)
    {
        if (root is PickleObject model)
        {
            throw new WeightsFormatException(path, $"holds a pickled object ({model.Callable}), not a state_dict; save model.state_dict() instead");
        }

        if (root is not PickleDict dict)
        {
            throw new WeightsFormatException(path, $"holds {Describe(root)}, not a state_dict (a dict of tensors)");
        }

        var entries = new List<WeightsEntry>();
        foreach (var (keyObject, value) in dict.Items)
        {
            if (keyObject is not string key)
            {
                throw new WeightsFormatException(path, $"holds a dict with the key {keyObject}, not a state_dict (keys are strings such as conv1.weight)");
            }

            if (value is not TorchTensorRef tensor)
            {
                var nested = value is PickleDict ? $"; if it is a training checkpoint, save its '{key}' alone (torch.save(checkpoint['{key}'], path))" : string.Empty;
                throw new WeightsFormatException(path, $"is not a state_dict: its '{key}' is {Describe(value)}, not a tensor{nested}");
            }

            var entry = new WeightsEntry
            {
                Key = key,
                DType = tensor.Storage.DType,
                Shape = tensor.Shape,
                Storage = tensor.Storage.Key,
                Offset = tensor.Offset,
                Stride = tensor.Stride,
            };
            Validate(path, prefix, entry, tensor, records);
            entries.Add(entry);
        }

        return entries;
    }

    private static void Validate(string path, string prefix, WeightsEntry entry, TorchTensorRef tensor, Dictionary<string, long> records)
    {
        if (tensor.Shape.Length != tensor.Stride.Length || tensor.Shape.Any(s => s < 0) || tensor.Stride.Any(s => s < 0) || tensor.Offset < 0
            || TensorDTypes.ElementCount(tensor.Shape) is null)
        {
            throw new WeightsFormatException(path, $"is corrupt: {entry.Key} has size {TensorDTypes.FormatShape(tensor.Shape)}, stride {TensorDTypes.FormatShape(tensor.Stride)} and offset {tensor.Offset}");
        }

        long extent;
        try
        {
            extent = WeightsArchive.Extent(entry);
        }
        catch (OverflowException)
        {
            throw new WeightsFormatException(path, $"is corrupt: {entry.Key}'s view of size {TensorDTypes.FormatShape(tensor.Shape)} overflows");
        }

        if (extent > tensor.Storage.Count)
        {
            throw new WeightsFormatException(path, $"is corrupt: {entry.Key} of size {TensorDTypes.FormatShape(tensor.Shape)} reaches element {extent} of a storage of {tensor.Storage.Count}");
        }

        var name = prefix + "data/" + tensor.Storage.Key;
        if (!records.TryGetValue(name, out var length))
        {
            throw new WeightsFormatException(path, $"is incomplete: it has no record {name} for {entry.Key}");
        }

        var needed = tensor.Storage.Count * tensor.Storage.DType.ElementSize();
        if (length < needed)
        {
            throw new WeightsFormatException(path, $"is truncated: the record {name} for {entry.Key} has {length} bytes, its storage needs {needed}");
        }
    }

    private static byte[] ReadEntry(string path, string prefix, WeightsEntry entry)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var record = zip.GetEntry(prefix + "data/" + entry.Storage) ?? throw new WeightsFormatException(path, $"is incomplete: it has no record for {entry.Key}");
            var storage = ReadAll(record, path, Array.MaxLength);
            var needed = (WeightsArchive.Extent(entry) * entry.DType.ElementSize());
            return storage.LongLength < needed
                ? throw new WeightsFormatException(path, $"is truncated: the data of {entry.Key} ends early")
                : WeightsArchive.Gather(storage, entry);
        }
        catch (InvalidDataException e)
        {
            throw new WeightsFormatException(path, $"is corrupt: the data of {entry.Key} cannot be read ({e.Message.TrimEnd('.')})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFormatException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, string path, long limit)
    {
        if (entry.Length > limit)
        {
            throw new WeightsFormatException(path, $"has a {entry.Length}-byte {entry.FullName}, more than the {limit} read here");
        }

        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new WeightsFormatException(path, $"is truncated: {entry.FullName} ends early", e);
        }

        return bytes;
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        PickleDict => "a dict",
        PickleObject o => $"an object ({o.Callable})",
        TorchTensorRef => "a tensor",
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a bool",
        object?[] => "a tuple",
        List<object?> => "a list",
        _ => value.GetType().Name,
    };
}
