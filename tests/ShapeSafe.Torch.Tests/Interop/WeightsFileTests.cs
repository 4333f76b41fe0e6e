using System.IO.Compression;
using System.Text;
using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Interop;

public sealed class WeightsFileTests
{
    [Fact]
    public void ReadsATorchSaveFileWithStridedViewsOffsetsScalarsAndBools()
    {
        var archive = WeightsFile.Open(InteropFiles.Fixture("strided.pt"));
        Assert.Equal(WeightsFormat.TorchSave, archive.Format);
        Assert.Equal(["t.weight", "v.weight", "bn.num_batches_tracked", "m.mask"], archive.Entries.Select(e => e.Key));
        var t = archive.Entries[0];
        Assert.Equal([3L, 2L], t.Shape);
        Assert.Equal([1L, 3L], t.Stride);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], Floats(archive.ReadBytes(t)));
        var v = archive.Entries[1];
        Assert.Equal(4, v.Offset);
        Assert.Equal([4f, 5f, 6f, 7f, 8f, 9f], Floats(archive.ReadBytes(v)));
        var n = archive.Entries[2];
        Assert.Equal(TensorDType.Int64, n.DType);
        Assert.Empty(n.Shape);
        Assert.Equal(5L, BitConverter.ToInt64(archive.ReadBytes(n)));
        Assert.Equal([1, 0, 1], archive.ReadBytes(archive.Entries[3]));
    }

    [Fact]
    public void ReadsSafetensorsInDataOrder()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("w.safetensors");
        var data = new float[] { 1, 2, 3, 4, 5 };
        File.WriteAllBytes(path, Safetensors("""{"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]},"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}""", Bytes(data)));
        var archive = WeightsFile.Open(path);
        Assert.Equal(["a", "b"], archive.Entries.Select(e => e.Key));
        Assert.Equal([4f, 5f], Floats(archive.ReadBytes(archive.Entries[1])));
    }

    public static TheoryData<string, string, int> MalformedSafetensors() => new()
    {
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}""", "is truncated: the data of a ends at byte 12 of the data section, which has 8 bytes", 8 },
        { """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", "the entry a has shape [3] of F32 but 8 bytes of data", 8 },
        { """{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}""", "the entry a has dtype 'C64'", 8 },
        { """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", "the entry a has the size -1 in its shape", 8 },
        { """{"a":{"dtype":"F32","shape":[2]}}""", "the entry a lacks its dtype, shape or data_offsets", 8 },
        { """{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}""", "has data_offsets [8,0], not [begin, end]", 8 },
        { """{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}""", "the entry a has shape [4611686018427387904, 4]", 8 },
        { """{"a": nope}""", "its header is not JSON", 8 },
        { """[1, 2]""", "its header is not a JSON object", 8 },
    };

    [Theory]
    [MemberData(nameof(MalformedSafetensors))]
    public void AMalformedSafetensorsFileIsAClearErrorNamingTheFile(string header, string problem, int dataBytes)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("w.safetensors");
        File.WriteAllBytes(path, Safetensors(header, new byte[dataBytes]));
        var e = Assert.Throws<WeightsFormatException>(() => WeightsFile.Open(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASafetensorsHeaderLongerThanTheFileIsCaughtBeforeReading()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("w.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(ulong.MaxValue), .. "{}"u8]);
        var e = Assert.Throws<WeightsFormatException>(() => WeightsFile.Open(path));
        Assert.Contains("its header length 18446744073709551615 exceeds the 2 bytes that follow", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedTorchSave() => new()
    {
        { "truncated", "is corrupt or truncated: not a readable zip archive" },
        { "legacy", "legacy (pre-1.6) serialization format" },
        { "text", "is not a torch.save file (not a zip archive)" },
        { "no-pickle", "without ARCHIVE/data.pkl" },
        { "bad-pickle", "is corrupt: its data.pkl has pickle opcode 0xff at offset 2" },
        { "cut-pickle", "is corrupt: its data.pkl" },
        { "short-storage", "is truncated: the record strided/data/" },
        { "no-storage", "is incomplete: it has no record strided/data/" },
        { "model", "holds a pickled object (__main__.Net), not a state_dict; save model.state_dict() instead" },
        { "nested", "is not a state_dict: its 'model' is a dict, not a tensor; if it is a training checkpoint, save its 'model' alone" },
    };

    [Theory]
    [MemberData(nameof(MalformedTorchSave))]
    public void AMalformedTorchSaveFileIsAClearErrorNamingTheFile(string kind, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Combine("w.pt");
        File.WriteAllBytes(path, MalformedTorchFile(kind));
        var e = Assert.Throws<WeightsFormatException>(() => WeightsFile.Open(path));
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<WeightsFormatException>(() => WeightsFile.Open("/nonexistent/w.safetensors"));
        Assert.Equal("/nonexistent/w.safetensors: no such file", e.Message);
    }

    private static byte[] MalformedTorchFile(string kind)
    {
        var good = File.ReadAllBytes(InteropFiles.Fixture("strided.pt"));
        switch (kind)
        {
            case "truncated":
                return good[..(good.Length / 2)];
            case "legacy":
                return [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
            case "text":
                return "hello"u8.ToArray();
        }

        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(good), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                entries[entry.FullName] = m.ToArray();
            }
        }

        var storage = entries.Keys.First(k => k.StartsWith("strided/data/", StringComparison.Ordinal));
        switch (kind)
        {
            case "no-pickle":
                entries.Remove("strided/data.pkl");
                break;
            case "bad-pickle":
                entries["strided/data.pkl"] = [0x80, 0x02, 0xff];
                break;
            case "cut-pickle":
                entries["strided/data.pkl"] = entries["strided/data.pkl"][..40];
                break;
            case "short-storage":
                entries[storage] = entries[storage][..4];
                break;
            case "no-storage":
                entries.Remove(storage);
                break;
            case "model":
                // protocol 2: __main__.Net() via GLOBAL + EMPTY_TUPLE + NEWOBJ, then STOP
                entries["strided/data.pkl"] = [0x80, 0x02, (byte)'c', .. "__main__\nNet\n"u8, (byte)')', 0x81, (byte)'.'];
                break;
            case "nested":
                // {'model': {}}: EMPTY_DICT, SHORT_BINUNICODE 'model', EMPTY_DICT, SETITEM, STOP
                entries["strided/data.pkl"] = [0x80, 0x02, (byte)'}', 0x8c, 5, .. "model"u8, (byte)'}', (byte)'s', (byte)'.'];
                break;
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static byte[] Safetensors(string header, byte[] data) => [.. BitConverter.GetBytes((ulong)Encoding.UTF8.GetByteCount(header)), .. Encoding.UTF8.GetBytes(header), .. data];

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static float[] Floats(byte[] bytes)
    {
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
