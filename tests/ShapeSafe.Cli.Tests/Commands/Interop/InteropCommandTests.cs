using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

public sealed class InteropCommandTests
{
    private static string Seed => CliRunner.Example("seed_fixed.model");

    private static string Fashion => CliRunner.Example("fashion_mnist.model");

    [Fact]
    public void RunOnAModelFileWritesTheOutputAsFloat32Npy()
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 64, 64]);
        var run = CliRunner.Run("run", Seed, "--input", input, "--output", folder.Combine("y.npy"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("float32 (2, 10)", run.Output, StringComparison.Ordinal);
        Assert.Contains("fresh weights, seed 42", run.Output, StringComparison.Ordinal);
        var output = NpyFile.Read(folder.Combine("y.npy"));
        Assert.Equal(TensorDType.Float32, output.DType);
        Assert.Equal([2L, 10L], output.Shape);
    }

    [Fact]
    public void RunWithAMismatchedInputPrintsTheEnginesDiagnosticAndRunsNothing()
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 32, 33]);
        var model = folder.WriteFile("m.model", "input Nx3x32x32\nflatten = nn.Flatten()\nfc = nn.Linear(3072, 10)\n");
        var run = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("y.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[SS0100]", run.Error, StringComparison.Ordinal);
        Assert.Contains("does not fit", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [Fact]
    public void RunOnACheckpointUsesItsWeights()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("fm.ckpt");
        CliCheckpoints.Write(checkpoint, File.ReadAllText(Fashion), channels: 1, size: 28, classes: 10, seed: 4);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [3, 1, 28, 28]);
        var first = CliRunner.Run("run", checkpoint, "--input", input, "--output", folder.Combine("a.npy"));
        var seeded = CliRunner.Run("run", checkpoint, "--input", input, "--output", folder.Combine("b.npy"), "--seed", "7");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("checkpoint weights", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, seeded.ExitCode);
        Assert.Equal(0, NpyInputs.MaxDifference(folder.Combine("a.npy"), folder.Combine("b.npy")));
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "x.npy", "is not a .npy file" },
        { "net.onnx", "ONNX Runtime cannot load it" },
        { "missing.model", "no such file" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void RunReportsAnUnusableFileInOneLine(string which, string problem)
    {
        using var folder = new TempFolder();
        var input = which == "x.npy" ? folder.WriteFile("x.npy", "not numpy") : NpyInputs.Write(folder.Combine("x.npy"), [1, 3, 64, 64]);
        var model = which == "net.onnx" ? folder.WriteFile("net.onnx", "onnx") : which == "missing.model" ? folder.Combine("missing.model") : Seed;
        var run = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("y.npy"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportThenImportGivesACheckpointThatRunsTheSame()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("fm.ckpt");
        CliCheckpoints.Write(checkpoint, File.ReadAllText(Fashion), channels: 1, size: 28, classes: 10, seed: 4);
        foreach (var (to, file) in new[] { ("pt", "w.pt"), ("safetensors", "w.safetensors") })
        {
            var export = CliRunner.Run("export", checkpoint, "--to", to, folder.Combine(file));
            Assert.Equal(0, export.ExitCode);
            Assert.Contains("18 tensors", export.Output, StringComparison.Ordinal);
            var import = CliRunner.Run("import", folder.Combine(file), "--model", Fashion, "--out", folder.Combine(to + ".ckpt"));
            Assert.Equal(0, import.ExitCode);
            Assert.Contains("input 1x28x28, 10 classes", import.Output, StringComparison.Ordinal);
        }

        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 1, 28, 28]);
        foreach (var name in new[] { "fm", "pt", "safetensors" })
        {
            Assert.Equal(0, CliRunner.Run("run", folder.Combine(name + ".ckpt"), "--input", input, "--output", folder.Combine(name + ".npy")).ExitCode);
        }

        Assert.Equal(0, NpyInputs.MaxDifference(folder.Combine("fm.npy"), folder.Combine("pt.npy")));
        Assert.Equal(0, NpyInputs.MaxDifference(folder.Combine("fm.npy"), folder.Combine("safetensors.npy")));
    }

    [Fact]
    public void ImportOfAWrongFc1ShapeNamesTheLayerItsLineAndTheSizeAndWritesNothing()
    {
        using var folder = new TempFolder();
        var checkpoint = folder.Combine("seed.ckpt");
        CliCheckpoints.Write(checkpoint, File.ReadAllText(Seed), channels: 3, size: 64, classes: 10, seed: 2);
        Assert.Equal(0, CliRunner.Run("export", checkpoint, "--to", "safetensors", folder.Combine("w.safetensors")).ExitCode);
        var small = folder.WriteFile("small.model", File.ReadAllText(Seed).Replace("input Nx3x64x64", "input Nx3x32x32", StringComparison.Ordinal));
        var import = CliRunner.Run("import", folder.Combine("w.safetensors"), "--model", small, "--out", folder.Combine("out.ckpt"));
        Assert.Equal(1, import.ExitCode);
        Assert.Contains($"{small}:11:10: error[SS0232]: size mismatch for fc1.weight: copying a param with shape [128, 8192] from checkpoint, the shape in current model is [128, 2048]: fc1 (line 11) should be built with in_features=8192", import.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", import.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("out.ckpt")));
    }

    public static TheoryData<string, string> CorruptWeights() => new()
    {
        { "w.safetensors", "is not a valid safetensors file: its header length" },
        { "w.pt", "is not a torch.save file (not a zip archive)" },
        { "t.safetensors", "is truncated: the data of a ends at byte 400" },
    };

    [Theory]
    [MemberData(nameof(CorruptWeights))]
    public void ImportOfACorruptWeightsFileIsAClearError(string name, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Combine(name);
        if (name == "t.safetensors")
        {
            var header = """{"a":{"dtype":"F32","shape":[100],"data_offsets":[0,400]}}"""u8.ToArray();
            File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[40]]);
        }
        else
        {
            File.WriteAllBytes(path, [0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]);
        }

        var import = CliRunner.Run("import", path, "--model", Seed, "--out", folder.Combine("out.ckpt"));
        Assert.Equal(1, import.ExitCode);
        Assert.StartsWith($"error: {path}: ", import.Error, StringComparison.Ordinal);
        Assert.Contains(problem, import.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("out.ckpt")));
    }

    [Fact]
    public void ExportNeedsAKnownFormat()
    {
        var export = CliRunner.Run("export", "x.ckpt", "--to", "tflite", "y.tflite");
        Assert.Equal(2, export.ExitCode);
        Assert.Contains("tflite", export.Error, StringComparison.Ordinal);
    }
}
