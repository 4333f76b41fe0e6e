using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Interop;

public sealed class InteropServiceTests
{
    private static readonly string SeedText = File.ReadAllText(InteropFiles.Example("seed_fixed.model"));

    private static readonly string FashionText = File.ReadAllText(InteropFiles.Example("fashion_mnist.model"));

    private static readonly List<string> KeyOrder =
    [
        "conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
        "conv2.weight", "conv2.bias", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked",
        "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias",
    ];

    private readonly Device _cpu = NativeRuntime.RequireCpu();

    [Fact]
    public void RunChecksTheInputWithTheShapeEngineBeforeAnythingRuns()
    {
        using var folder = new TempFolder();
        var input = WriteInput(folder, "x.npy", [2, 1, 64, 64]);
        var plan = RunService.Plan(new RunRequest(InteropFiles.Example("seed_fixed.model"), input, folder.Combine("y.npy")));
        Assert.False(plan.CanRun);
        Assert.Contains(plan.Diagnostics, d => d.Code == "SS0101");
        Assert.Throws<InvalidOperationException>(() => RunService.Execute(plan, _cpu));
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [Fact]
    public void RunOnAModelFileIsSeededAndWritesFloat32()
    {
        using var folder = new TempFolder();
        var input = WriteInput(folder, "x.npy", [3, 3, 64, 64]);
        var first = Run(InteropFiles.Example("seed_fixed.model"), input, folder.Combine("a.npy"));
        var again = Run(InteropFiles.Example("seed_fixed.model"), input, folder.Combine("b.npy"));
        Assert.Equal(TensorDType.Float32, first.DType);
        Assert.Equal([3L, 10L], first.Shape);
        Assert.Equal(first.Data, again.Data);
        var other = RunService.Plan(new RunRequest(InteropFiles.Example("seed_fixed.model"), input, folder.Combine("c.npy"), Seed: 1));
        RunService.Execute(other, _cpu);
        Assert.NotEqual(first.Data, NpyFile.Read(folder.Combine("c.npy")).Data);
    }

    [Fact]
    public void ACheckpointRejectsAnInputItsTrainedSizesCannotTake()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("seed.ckpt");
        InteropCheckpoints.Write(checkpoint, SeedText, new ImageSize(3, 64, 64), 10, seed: 3);
        var plan = RunService.Plan(new RunRequest(checkpoint, WriteInput(folder, "x.npy", [2, 3, 32, 32]), folder.Combine("y.npy")));
        var diagnostic = Assert.Single(plan.Diagnostics);
        Assert.Equal("SS0233", diagnostic.Code);
        Assert.Equal("fc1 (line 11) was built with in_features=8192 for the checkpoint's input Nx3x64x64; the input 2x3x32x32 would need in_features=2048", diagnostic.Message);
    }

    [Theory]
    [InlineData(WeightsFormat.TorchSave, "w.pt")]
    [InlineData(WeightsFormat.Safetensors, "w.safetensors")]
    public void ExportWritesEveryParameterAndBufferUnderPyTorchNamesAndImportRestoresTheSameModel(WeightsFormat format, string name)
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("fm.ckpt");
        InteropCheckpoints.Write(checkpoint, FashionText, new ImageSize(1, 28, 28), 10, seed: 5);
        var exported = ExportService.Export(checkpoint, format, folder.Combine(name));
        // TorchSharp lists parameters before buffers; PyTorch module by module. load_state_dict matches by key, so only the set matters.
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
             "conv2.weight", "conv2.bias", "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked",
             "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"],
            exported.Tensors.Select(t => t.Key).OrderBy(KeyOrder.IndexOf));
        Assert.Equal([128L, 3136L], exported.Tensors.Single(t => t.Key == "fc1.weight").Shape);
        Assert.Single(Directory.GetFiles(folder.Path, "*" + Path.GetExtension(name)));

        var archive = WeightsFile.Open(folder.Combine(name));
        Assert.Equal(exported.Tensors.Select(t => t.Key).Order(StringComparer.Ordinal), archive.Entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        var batches = archive.Entries.Single(e => e.Key == "bn1.num_batches_tracked");
        Assert.Equal(TensorDType.Int64, batches.DType);
        Assert.Equal(11L, BitConverter.ToInt64(archive.ReadBytes(batches)));

        var imported = folder.Combine("back.ckpt");
        var result = ImportService.Import(new ImportRequest(folder.Combine(name), InteropFiles.Example("fashion_mnist.model"), imported));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Message)));
        Assert.Equal(18, result.Tensors);
        Assert.Equal(folder.Combine(name), CheckpointFile.Read(imported).Meta.ImportedFrom);

        var input = WriteInput(folder, "x.npy", [4, 1, 28, 28]);
        var original = Run(checkpoint, input, folder.Combine("a.npy"));
        var restored = Run(imported, input, folder.Combine("b.npy"));
        Assert.Equal(original.Data, restored.Data);
    }

    [Fact]
    public void ImportWritesNothingWhenAShapeDoesNotMatch()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("seed.ckpt");
        InteropCheckpoints.Write(checkpoint, SeedText, new ImageSize(3, 64, 64), 10, seed: 3);
        ExportService.Export(checkpoint, WeightsFormat.TorchSave, folder.Combine("w.pt"));
        var model = folder.Combine("small.model");
        File.WriteAllText(model, SeedText.Replace("input Nx3x64x64", "input Nx3x32x32", StringComparison.Ordinal));
        var result = ImportService.Import(new ImportRequest(folder.Combine("w.pt"), model, folder.Combine("out.ckpt")));
        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SS0232", diagnostic.Code);
        Assert.EndsWith("fc1 (line 11) should be built with in_features=8192", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("out.ckpt")));
    }

    [Theory]
    [InlineData("net.py", "Python modules are not yet supported by export and import (run takes them)")]
    [InlineData("net.onnx", "ONNX models are not supported")]
    [InlineData("missing.model", "no such file")]
    public void ModelSourcesRefuseWhatTheyCannotRunYet(string name, string problem)
    {
        using var folder = new TempFolder();
        if (name != "missing.model")
        {
            File.WriteAllText(folder.Combine(name), "x");
        }

        var e = Assert.Throws<ModelSourceException>(() => ModelSources.Resolve(folder.Combine(name)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportRefusesAModelFile()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<ModelSourceException>(() => ExportService.Export(InteropFiles.Example("seed_fixed.model"), WeightsFormat.TorchSave, folder.Combine("w.pt")));
        Assert.Contains("export takes a checkpoint", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private NpyArray Run(string model, string input, string output)
    {
        var plan = RunService.Plan(new RunRequest(model, input, output));
        Assert.True(plan.CanRun, string.Join("\n", plan.Diagnostics.Select(d => d.Message)));
        RunService.Execute(plan, _cpu);
        return NpyFile.Read(output);
    }

    private static string WriteInput(TempFolder folder, string name, long[] shape)
    {
        var random = new Random(9);
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var path = folder.Combine(name);
        NpyFile.Write(path, NpyArray.FromFloats(shape, values));
        return path;
    }
}
