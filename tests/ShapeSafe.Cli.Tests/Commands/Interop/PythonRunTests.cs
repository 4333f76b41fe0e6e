using System.Diagnostics;
using System.Text.Json;
using ShapeSafe.Interop;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// <c>shapesafe run MODEL.py</c>: the model is checked at the .npy's shape, then run as a GraphModule with fresh seeded
/// weights or a PyTorch state_dict matched by key and shape first; against PyTorch (tests/corpus/parity.py) it gives
/// PyTorch's eval-mode output.
/// </summary>
public sealed class PythonRunTests
{
    private const string Net = """
        import torch
        import torch.nn as nn


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 4, 3, padding=1)
                self.fc = nn.Linear(4 * 8 * 8, 5)

            def forward(self, x):
                x = torch.relu(self.conv(x))
                return self.fc(x.view(x.size(0), -1))
        """;

    [Fact]
    public void APythonModelThatBranchesOnTensorValuesIsRefusedWithTheStatementsLine()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("branchy.py", ShapeSafe.Tests.Commands.TrainPythonCommandTests.BranchyNet);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 16, 16]);

        var run = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("y.npy"));

        Assert.True(run.ExitCode == 1, run.Error);
        Assert.Contains("branchy.py:11:", run.Error, StringComparison.Ordinal);
        Assert.Contains("error SS0310: the runtime cannot build this model: the if on x.mean() > 0 depends on values known only when it runs", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [Fact]
    public void APythonModelRunsWithFreshSeededWeightsAtTheNpyShape()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("net.py", Net);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [3, 3, 8, 8]);
        var first = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("a.npy"), "--class", "Net");
        var second = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("b.npy"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("fresh weights, seed 42", first.Output, StringComparison.Ordinal);
        Assert.Equal([3L, 5L], NpyFile.Read(folder.Combine("a.npy")).Shape);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, NpyInputs.MaxDifference(folder.Combine("a.npy"), folder.Combine("b.npy")));
    }

    [Fact]
    public void AnInputThatDoesNotFitThePythonModelIsTheCheckersDiagnosticAndNothingRuns()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("net.py", Net);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [2, 3, 16, 16]);
        var run = CliRunner.Run("run", model, "--input", input, "--output", folder.Combine("y.npy"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not fit", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    [PyTorchTheory]
    [InlineData("python/normalize_buffer_ok.py")]
    [InlineData("python/resnet18_cifar_ok.py")]
    [InlineData("python/functional_params_ok.py")]
    public void APythonModelWithPyTorchsStateDictGivesPyTorchsOutput(string file)
    {
        using var folder = new TempFolder();
        var (weights, input, expected) = Parity(folder, file);
        var run = CliRunner.Run("run", Path.Combine(CliRunner.RepoRoot, "tests", "corpus", file), "--input", input, "--output", folder.Combine("y.npy"), "--weights", weights);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("weights from", run.Output, StringComparison.Ordinal);
        var largest = NpyFile.Read(expected).ToFloats().Select(v => Math.Abs((double)v)).Max();
        Assert.InRange(NpyInputs.MaxDifference(expected, folder.Combine("y.npy")), 0, 1e-5 * Math.Max(1, largest));
    }

    [PyTorchFact]
    public void AStateDictOfAnotherModelIsRejectedByKeyBeforeAnythingRuns()
    {
        using var folder = new TempFolder();
        var (weights, _, _) = Parity(folder, "python/normalize_buffer_ok.py");
        var input = NpyInputs.Write(folder.Combine("x8.npy"), [2, 3, 8, 8]);
        var run = CliRunner.Run("run", folder.WriteFile("net.py", Net), "--input", input, "--output", folder.Combine("y.npy"), "--weights", weights);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("SS0230", run.Error, StringComparison.Ordinal);
        Assert.Contains("conv.weight", run.Error, StringComparison.Ordinal);
        Assert.Contains("SS0231", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("y.npy")));
    }

    /// <summary>Runs tests/corpus/parity.py on one corpus model: its state_dict.pt, and its input and eval output as .npy.</summary>
    private static (string Weights, string Input, string Output) Parity(TempFolder folder, string file)
    {
        var start = new ProcessStartInfo(PyTorchSide.Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(CliRunner.RepoRoot, "tests", "corpus", "parity.py"), folder.Path, file })
        {
            start.ArgumentList.Add(a);
        }

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit(120_000);
            Assert.True(process.ExitCode == 0, errors.Result);
        }

        var out_ = folder.Combine(Path.GetFileNameWithoutExtension(file));
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(out_, "meta.json")));
        var inputShape = meta.RootElement.GetProperty("inputs")[0].GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var outputShape = meta.RootElement.GetProperty("outputs")[0].EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var input = folder.Combine("input.npy");
        var output = folder.Combine("torch.npy");
        NpyFile.Write(input, NpyArray.FromFloats(inputShape, Floats(Path.Combine(out_, "input0.bin"))));
        NpyFile.Write(output, NpyArray.FromFloats(outputShape, Floats(Path.Combine(out_, "output0.bin"))));
        return (Path.Combine(out_, "state_dict.pt"), input, output);

        static float[] Floats(string path) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
    }
}
