using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// Against real PyTorch, which builds each network from the model file on its own (tests/interop/pytorch_side.py):
/// a state_dict exported by ShapeSafe loads with strict=True and gives ShapeSafe's output, and a state_dict saved by
/// PyTorch (random BatchNorm statistics) imported into ShapeSafe gives PyTorch's output, both to 1e-5.
/// </summary>
public sealed class PyTorchInteropTests
{
    private const double Tolerance = 1e-5;

    [PyTorchFact]
    public void SeedModelExportedToPyTorchGivesTheSameOutput() => ExportedRunsTheSame("seed_fixed.model", 3, 64, [2, 3, 64, 64]);

    [PyTorchFact]
    public void FashionMnistModelExportedToPyTorchGivesTheSameOutput() => ExportedRunsTheSame("fashion_mnist.model", 1, 28, [4, 1, 28, 28]);

    [PyTorchFact]
    public void SeedModelSavedByPyTorchImportsAndGivesTheSameOutput() => ImportedRunsTheSame("seed_fixed.model", [2, 3, 64, 64]);

    [PyTorchFact]
    public void FashionMnistModelSavedByPyTorchImportsAndGivesTheSameOutput() => ImportedRunsTheSame("fashion_mnist.model", [4, 1, 28, 28]);

    [PyTorchFact]
    public void AStateDictFromAPyTorchModelForAnotherInputSizeIsRejectedWithTheSizeToWrite()
    {
        using var folder = new TempFolder();
        var model = CliRunner.Example("seed_fixed.model");
        var input = NpyInputs.Write(folder.Combine("x.npy"), [1, 3, 64, 64]);
        PyTorchSide.Save(model, input, folder.Combine("w.pt"), folder.Combine("torch.npy"), seed: 1);
        var small = folder.WriteFile("small.model", File.ReadAllText(model).Replace("input Nx3x64x64", "input Nx3x32x32", StringComparison.Ordinal));
        var import = CliRunner.Run("import", folder.Combine("w.pt"), "--model", small, "--out", folder.Combine("out.ckpt"));
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("size mismatch for fc1.weight: copying a param with shape [128, 8192] from checkpoint, the shape in current model is [128, 2048]: fc1 (line 11) should be built with in_features=8192", import.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("out.ckpt")));
    }

    private static void ExportedRunsTheSame(string example, int channels, int size, long[] shape)
    {
        using var folder = new TempFolder();
        var model = CliRunner.Example(example);
        var checkpoint = folder.Combine("m.ckpt");
        CliCheckpoints.Write(checkpoint, File.ReadAllText(model), channels, size, classes: 10, seed: 6);
        var input = NpyInputs.Write(folder.Combine("x.npy"), shape);
        Assert.Equal(0, CliRunner.Run("run", checkpoint, "--input", input, "--output", folder.Combine("shapesafe.npy")).ExitCode);
        foreach (var (to, file) in new[] { ("pt", "w.pt"), ("safetensors", "w.safetensors") })
        {
            Assert.Equal(0, CliRunner.Run("export", checkpoint, "--to", to, folder.Combine(file)).ExitCode);
            PyTorchSide.Run(model, folder.Combine(file), input, folder.Combine(to + ".npy"));
            Assert.InRange(NpyInputs.MaxDifference(folder.Combine("shapesafe.npy"), folder.Combine(to + ".npy")), 0, Tolerance);
        }
    }

    private static void ImportedRunsTheSame(string example, long[] shape)
    {
        using var folder = new TempFolder();
        var model = CliRunner.Example(example);
        var input = NpyInputs.Write(folder.Combine("x.npy"), shape);
        PyTorchSide.Save(model, input, folder.Combine("w.pt"), folder.Combine("torch.npy"), seed: 8);
        var import = CliRunner.Run("import", folder.Combine("w.pt"), "--model", model, "--out", folder.Combine("m.ckpt"));
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, CliRunner.Run("run", folder.Combine("m.ckpt"), "--input", input, "--output", folder.Combine("shapesafe.npy")).ExitCode);
        Assert.InRange(NpyInputs.MaxDifference(folder.Combine("torch.npy"), folder.Combine("shapesafe.npy")), 0, Tolerance);
    }
}
