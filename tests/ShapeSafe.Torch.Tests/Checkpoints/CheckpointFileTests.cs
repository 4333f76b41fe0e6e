using System.IO.Compression;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Checkpoints;

public sealed class CheckpointFileTests
{
    private const string ModelText = """
        input Nx3x16x16
        conv = nn.Conv2d(3, 8, 3, padding=1)
        bn = nn.BatchNorm2d(8)
        relu = nn.ReLU()
        pool = nn.MaxPool2d(2)
        flatten = nn.Flatten()
        fc = nn.LazyLinear(3)
        """;

    private static CheckpointMeta Meta(int epoch) => new()
    {
        ModelName = "m",
        Input = new ImageSize(3, 16, 16),
        ClassNames = ["a", "b", "c"],
        Normalization = new Normalization([0.1f, 0.2f, 0.3f], [0.5f, 0.5f, 0.5f]),
        DataKind = DataKind.ImageFolder,
        DataPath = "/data",
        Epoch = epoch,
        Settings = new TrainingSettings { Epochs = 5, Optimizer = OptimizerKind.Sgd, LearningRate = 0.05 },
        Metrics = [new EpochMetrics(1, 1.5, 0.4, 1.2, 0.5, 1000, 2.5)],
    };

    [Fact]
    public void ARoundTripGivesIdenticalPredictionsAndKeepsEveryPart()
    {
        using var folder = new TempFolder();
        Trainer.Seed(3);
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        using var optimizer = Trainer.CreateOptimizer(model, new TrainingSettings { Optimizer = OptimizerKind.Adam });
        using (var scope = NewDisposeScope())
        {
            // One step so that BatchNorm's running statistics and Adam's moments are not at their initial values.
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(randn(4, 3, 16, 16)), tensor(new long[] { 0, 1, 2, 0 })).backward();
            optimizer.step();
        }

        var path = folder.Combine("m.ckpt");
        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer);
        var checkpoint = CheckpointFile.Read(path);
        using var restored = CheckpointModel.Load(checkpoint);
        model.eval();

        using var x = randn(5, 3, 16, 16);
        using var expected = model.forward(x);
        using var actual = restored.forward(x);
        Assert.True(expected.eq(actual).all().item<bool>(), "the restored model predicts differently");
        Assert.Equal(ModelText, checkpoint.ModelText);
        Assert.Equal(["a", "b", "c"], checkpoint.Meta.ClassNames);
        Assert.Equal([0.1f, 0.2f, 0.3f], checkpoint.Meta.Normalization.Mean);
        Assert.Equal(new ImageSize(3, 16, 16), checkpoint.Meta.Input);
        Assert.Equal(OptimizerKind.Sgd, checkpoint.Meta.Settings.Optimizer);
        Assert.Equal(0.05, checkpoint.Meta.Settings.LearningRate);
        Assert.Equal(1.2, checkpoint.Meta.Metrics.Single().ValLoss);
        Assert.True(checkpoint.HasOptimizerState);
        var bn = model.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        var bnRestored = restored.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        Assert.True(bn.eq(bnRestored).all().item<bool>());

        using var again = Trainer.CreateOptimizer(restored, new TrainingSettings { Optimizer = OptimizerKind.Adam });
        checkpoint.LoadOptimizerState(again);
        var moments = ((TorchSharp.Modules.Adam.State)((TorchSharp.Modules.OptimizerHelper)again).state_dict().State[0]).exp_avg;
        Assert.True(moments.abs().sum().item<float>() > 0, "Adam's moments were not restored");
    }

    [Fact]
    public void WritingReplacesTheFileAtomicallyAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var path = folder.Combine("run", "last.ckpt");

        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer: null);
        CheckpointFile.Write(path, Meta(epoch: 2), ModelText, model, optimizer: null);

        Assert.Equal(2, CheckpointFile.Read(path).Meta.Epoch);
        Assert.Equal(["last.ckpt"], Directory.GetFiles(folder.Combine("run")).Select(Path.GetFileName));
        Assert.False(CheckpointFile.Read(path).HasOptimizerState);
    }

    public static TheoryData<string, Func<string, byte[]>, string> Corruptions => new()
    {
        { "not a zip", _ => "hello"u8.ToArray(), "is corrupt: not a readable checkpoint archive" },
        { "cut in half", good => File.ReadAllBytes(good)[..(int)(new FileInfo(good).Length / 2)], "is corrupt" },
        { "no meta.json", good => Rezip(good, drop: CheckpointFile.MetaEntry), "is incomplete: it has no meta.json" },
        { "no weights", good => Rezip(good, drop: CheckpointFile.WeightsEntry), "is incomplete: it has no weights.bin" },
        { "meta.json not JSON", good => Rezip(good, replace: (CheckpointFile.MetaEntry, "{ nope")), "its meta.json is not valid" },
        { "another format", good => Rezip(good, replace: (CheckpointFile.MetaEntry, """{ "format": "other" }""")), "is not a ShapeSafe checkpoint" },
        { "weights of another model", good => Rezip(good, replace: (CheckpointFile.ModelEntry, ModelText.Replace("Conv2d(3, 8", "Conv2d(3, 4", StringComparison.Ordinal).Replace("BatchNorm2d(8)", "BatchNorm2d(4)", StringComparison.Ordinal))), "its weights do not fit the model" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void ACorruptCheckpointGivesAnErrorNamingTheFile(string name, Func<string, byte[]> corrupt, string problem)
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var good = folder.Combine("good.ckpt");
        CheckpointFile.Write(good, Meta(epoch: 1), ModelText, model, optimizer: null);
        var bad = folder.Combine("bad.ckpt");
        File.WriteAllBytes(bad, corrupt(good));

        var error = Assert.Throws<CheckpointException>(() => CheckpointModel.Load(CheckpointFile.Read(bad)));

        Assert.Equal(bad, error.Path);
        Assert.True(error.Message.StartsWith($"{bad}: ", StringComparison.Ordinal), name);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedBytesInsideTheWeightsAreCaughtByTheChecksumBeforeAnyUse()
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var path = folder.Combine("m.ckpt");
        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer: null);
        Assert.True(CheckpointFile.Read(path).IsVerified);

        // The weights are stored uncompressed: find 64 of their bytes in the file and flip them.
        byte[] weights;
        using (var zip = ZipFile.OpenRead(path))
        using (var memory = new MemoryStream())
        {
            using var stream = zip.GetEntry(CheckpointFile.WeightsEntry)!.Open();
            stream.CopyTo(memory);
            weights = memory.ToArray();
        }

        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf(weights.AsSpan(weights.Length / 2, 64));
        Assert.True(at > 0, "the weights' bytes were not found in the file");
        for (var i = at; i < at + 64; i++)
        {
            bytes[i] ^= 0xFF;
        }

        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(path));
        Assert.StartsWith($"{path}: is corrupt: the SHA-256 of its weights.bin is ", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidSettings => new()
    {
        { "\"batch_size\": 128", "\"batch_size\": 0", "settings.batch_size must be between 1 and 1048576, not 0" },
        { "\"batch_size\": 128", "\"batch_size\": -5", "settings.batch_size must be between 1 and 1048576, not -5" },
        { "\"learning_rate\": 0.05", "\"learning_rate\": \"NaN\"", "settings.learning_rate must be a positive number of at most 100, not NaN" },
        { "\"validation_fraction\": 0.1", "\"validation_fraction\": 2", "settings.validation_fraction must be between 0 and 1" },
        { "\"epoch\": 1", "\"epoch\": -3", "epoch must be between 0 and 100000, not -3" },
        { "\"height\": 16", "\"height\": 0", "input 3x0x16 is not an image size" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void EverySettingReadBackIsValidatedNamingItAndItsValue(string good, string bad, string problem)
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var path = folder.Combine("good.ckpt");
        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer: null);
        string meta;
        using (var zip = ZipFile.OpenRead(path))
        using (var reader = new StreamReader(zip.GetEntry(CheckpointFile.MetaEntry)!.Open()))
        {
            meta = reader.ReadToEnd();
        }

        Assert.Contains(good, meta, StringComparison.Ordinal);
        var badPath = folder.Combine("bad.ckpt");
        File.WriteAllBytes(badPath, Rezip(path, replace: (CheckpointFile.MetaEntry, meta.Replace(good, bad, StringComparison.Ordinal))));

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(badPath));

        Assert.StartsWith($"{badPath}: its meta.json is invalid: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOversizedPartIsRefusedBeforeItIsRead()
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var path = folder.Combine("good.ckpt");
        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer: null);
        var padded = ModelText + new string(' ', (int)CheckpointFile.MaxModelBytes);
        var bad = folder.Combine("padded.ckpt");
        File.WriteAllBytes(bad, Rezip(path, replace: (CheckpointFile.ModelEntry, padded)));

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(bad));

        Assert.Equal($"{bad}: its model.txt is too large: {System.Text.Encoding.UTF8.GetByteCount(padded)} bytes, at most {CheckpointFile.MaxModelBytes}", error.Message);
    }

    [Fact]
    public void AVersion1CheckpointWithoutChecksumsIsReadButNotVerified()
    {
        using var folder = new TempFolder();
        using var model = ModuleBuilder.FromModelText("m.model", ModelText).Module!;
        var path = folder.Combine("new.ckpt");
        CheckpointFile.Write(path, Meta(epoch: 1), ModelText, model, optimizer: null);
        string meta;
        using (var zip = ZipFile.OpenRead(path))
        using (var reader = new StreamReader(zip.GetEntry(CheckpointFile.MetaEntry)!.Open()))
        {
            meta = reader.ReadToEnd();
        }

        var old = folder.Combine("old.ckpt");
        File.WriteAllBytes(old, Rezip(path, drop: CheckpointFile.ChecksumsEntry, replace: (CheckpointFile.MetaEntry, meta.Replace("\"version\": 2", "\"version\": 1", StringComparison.Ordinal))));
        var v2WithoutChecksums = folder.Combine("stripped.ckpt");
        File.WriteAllBytes(v2WithoutChecksums, Rezip(path, drop: CheckpointFile.ChecksumsEntry));

        var read = CheckpointFile.Read(old);
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Read(v2WithoutChecksums));

        Assert.False(read.IsVerified);
        Assert.Equal(1, read.Meta.Version);
        Assert.Equal($"{v2WithoutChecksums}: is incomplete: it has no checksums.sha256", error.Message);
    }

    /// <summary>A copy of the checkpoint with an entry dropped or replaced; checksums.sha256 (when kept) is recomputed, as a deliberate edit would.</summary>
    private static byte[] Rezip(string path, string? drop = null, (string Name, string Text)? replace = null)
    {
        var parts = new List<(string Name, byte[] Content)>();
        using (var source = ZipFile.OpenRead(path))
        {
            foreach (var entry in source.Entries.Where(e => e.Name != drop))
            {
                using var from = entry.Open();
                using var memory = new MemoryStream();
                from.CopyTo(memory);
                parts.Add((entry.Name, replace is { } r && r.Name == entry.Name ? System.Text.Encoding.UTF8.GetBytes(r.Text) : memory.ToArray()));
            }
        }

        var sums = System.Text.Encoding.ASCII.GetBytes(CheckpointFile.Checksums(parts.Where(p => p.Name != CheckpointFile.ChecksumsEntry)));
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var to = target.CreateEntry(name).Open();
                to.Write(name == CheckpointFile.ChecksumsEntry ? sums : content);
            }
        }

        return output.ToArray();
    }
}
