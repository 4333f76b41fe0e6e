using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary><c>shapesafe import WEIGHTS --model FILE.py</c>: PyTorch's state_dict of a .py model becomes a checkpoint that runs as PyTorch does.</summary>
public sealed class PythonImportTests
{
    private const string Net = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F


        # shapesafe: input 2x3x16x16
        class Net(nn.Module):
            def __init__(self, classes=4):
                super().__init__()
                self.conv = nn.Conv2d(3, 16, 3, padding=1)
                self.bn = nn.BatchNorm2d(16)
                self.fc = nn.Linear(16 * 8 * 8, classes)

            def forward(self, x):
                x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
                return self.fc(torch.flatten(x, 1))
        """;

    [PyTorchFact]
    public void PyTorchsStateDictImportsIntoACheckpointThatRunsAsPyTorchDoes()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("net.py", Net);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [3, 3, 16, 16]);
        PyTorchSide.SaveSource(model, "Net", input, folder.Combine("w.pt"), folder.Combine("torch.npy"));

        var import = CliRunner.Run("import", folder.Combine("w.pt"), "--model", model, "--out", folder.Combine("net.ckpt"));
        var run = CliRunner.Run("run", folder.Combine("net.ckpt"), "--input", input, "--output", folder.Combine("ours.npy"));

        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.InRange(NpyInputs.MaxDifference(folder.Combine("torch.npy"), folder.Combine("ours.npy")), 0, 1e-5);
    }

    [PyTorchFact]
    public void AStateDictForOtherSizesNamesTheModuleItsLineAndTheShapeAndWritesNothing()
    {
        using var folder = new TempFolder();
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 16, 16]);
        var wider = folder.WriteFile("wider.py", Net.Replace("nn.Linear(16 * 8 * 8, classes)", "nn.Linear(16 * 8 * 8, 7)", StringComparison.Ordinal));
        PyTorchSide.SaveSource(wider, "Net", input, folder.Combine("w.pt"), folder.Combine("torch.npy"));
        var model = folder.WriteFile("net.py", Net);

        var import = CliRunner.Run("import", folder.Combine("w.pt"), "--model", model, "--out", folder.Combine("net.ckpt"));

        Assert.Equal(1, import.ExitCode);
        var all = import.Output + import.Error;
        Assert.Contains("SS0232", all, StringComparison.Ordinal);
        Assert.Contains("fc.weight", all, StringComparison.Ordinal);
        Assert.Contains("[7, 1024]", all, StringComparison.Ordinal);
        Assert.Contains("fc (line 12)", all, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("net.ckpt")));
    }
}
