using System.Text.Json;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands.Interop;

/// <summary>
/// <c>export --to pytorch</c> against real PyTorch: the generated model.py of every example loads <c>export --to pt</c>'s
/// weights strictly and gives <c>run</c>'s output; train_ddp.py under torchrun (two gloo processes) trains a model file and
/// a .py model, resumes, and its run imported back evaluates to the script's own test accuracy, sample for sample.
/// </summary>
public sealed class PyTorchProjectTests
{
    private const double Tolerance = 1e-5;

    /// <summary>A small model file for 1x16x16 images of 4 classes; fc's in_features is inferred (LazyLinear).</summary>
    private const string SmallModel = """
        input Nx1x16x16
        conv1 = nn.Conv2d(1, 16, 3, padding=1)
        bn1 = nn.BatchNorm2d(16)
        relu1 = nn.ReLU()
        pool = nn.MaxPool2d(2)
        flatten = nn.Flatten()
        fc = nn.LazyLinear(4)
        """;

    /// <summary>The same task as a .py model (declared input, a functional pooling, a nested Sequential).</summary>
    private const string SmallPython = """
        import torch.nn as nn
        import torch.nn.functional as F


        # shapesafe: input Nx1x16x16
        class SmallNet(nn.Module):
            def __init__(self, num_classes=4):
                super().__init__()
                self.conv = nn.Conv2d(1, 16, 3, padding=1)
                self.bn = nn.BatchNorm2d(16)
                self.head = nn.Sequential(nn.Flatten(), nn.Linear(16 * 8 * 8, num_classes))

            def forward(self, x):
                x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
                return self.head(x)
        """;

    [PyTorchFact]
    public void EveryExampleModelWrittenAsPyTorchLoadsTheExportedWeightsAndGivesRunsOutput()
    {
        using var folder = new TempFolder();
        var cases = new List<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "examples"), "*.model").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var check = ShapeChecker.Check(ModelFileParser.Parse(path, File.ReadAllText(path)));
            var project = folder.Combine(name);
            if (check.HasErrors)
            {
                var refused = CliRunner.Run("export", path, "--to", "pytorch", project);
                Assert.Equal(1, refused.ExitCode);
                Assert.Contains("nothing was written", refused.Error, StringComparison.Ordinal);
                Assert.False(Directory.Exists(project));
                continue;
            }

            var (channels, size, classes) = ((int)check.Input![1].Value, (int)check.Input[2].Value, (int)check.Output![1].Value);
            var checkpoint = folder.Combine(name + ".ckpt");
            CliCheckpoints.Write(checkpoint, File.ReadAllText(path), channels, size, classes, seed: 5);
            Assert.Equal(0, CliRunner.Run("export", checkpoint, "--to", "pytorch", project).ExitCode);
            Assert.Equal(0, CliRunner.Run("export", checkpoint, "--to", "pt", folder.Combine(name + ".pt")).ExitCode);
            var input = NpyInputs.Write(folder.Combine(name + ".in.npy"), [3, channels, size, size]);
            Assert.Equal(0, CliRunner.Run("run", checkpoint, "--input", input, "--output", folder.Combine(name + ".run.npy")).ExitCode);
            Assert.DoesNotContain("nn.Lazy", File.ReadAllText(Path.Combine(project, "model.py")), StringComparison.Ordinal);
            cases.Add(name);
        }

        Assert.Contains("fashion_mnist", cases);
        Assert.Contains("seed_fixed", cases);

        // One Python process for all of them: import each model.py, load the exported .pt strictly, run in eval mode.
        var result = PythonProcess.Run(folder.Path, ["-c", """
            import importlib.util, json, sys
            import numpy as np, torch
            root, names = sys.argv[1], sys.argv[2:]
            for name in names:
                project = json.load(open(f"{root}/{name}/project.json"))
                spec = importlib.util.spec_from_file_location(f"m_{name}", f"{root}/{name}/model.py")
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                model = getattr(module, project["class_name"])()
                model.load_state_dict(torch.load(f"{root}/{name}.pt"), strict=True)
                model.eval()
                with torch.no_grad():
                    out = model(torch.from_numpy(np.load(f"{root}/{name}.in.npy")))
                np.save(f"{root}/{name}.py.npy", out.numpy().astype(np.float32))
                print(name, tuple(out.shape))
            """, folder.Path, .. cases]);
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var name in cases)
        {
            var difference = NpyInputs.MaxDifference(folder.Combine(name + ".run.npy"), folder.Combine(name + ".py.npy"));
            Assert.True(difference <= Tolerance, $"{name}: model.py differs from shapesafe run by {difference}");
        }
    }

    [PyTorchFact]
    public void AModelFileTrainedWithTorchrunResumesAndImportsToTheSameTestAccuracy()
    {
        using var folder = new TempFolder();
        var (data, test) = SmallData(folder);
        var model = folder.WriteFile("small.model", SmallModel);
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", model, "--to", "pytorch", project).ExitCode);
        Assert.Contains("nn.Linear(1024, 4)", File.ReadAllText(Path.Combine(project, "model.py")), StringComparison.Ordinal);
        var script = Path.Combine(project, "train_ddp.py");
        var run = folder.Combine("run");

        var first = PythonProcess.TorchRun(folder.Path, script, "--data", data, "--test", test, "--epochs", "1", "--batch-size", "8", "--out", run);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Equal(1, Metrics(run).GetProperty("epochs").GetArrayLength());

        var second = PythonProcess.TorchRun(folder.Path, script, "--data", data, "--test", test, "--epochs", "2", "--batch-size", "8", "--out", run);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Resuming from", second.Output, StringComparison.Ordinal);
        Assert.Contains("after epoch 1", second.Output, StringComparison.Ordinal);
        var metrics = Metrics(run);
        Assert.Equal(2, metrics.GetProperty("world_size").GetInt32());
        Assert.Equal([1, 2], metrics.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.DoesNotContain("epoch 1/2", second.Output, StringComparison.Ordinal);

        var checkpoint = ImportedEvaluatesAsTheScript(folder, run, test, metrics, expectedEpoch: 2);

        // The imported run trains further in ShapeSafe: its weights, classes and normalization, a fresh optimizer.
        var resumed = CliRunner.Run("train", model, "--data", data, "--resume", checkpoint, "--epochs", "3", "--batch-size", "8", "--out", folder.Combine("resumed"));
        Assert.True(resumed.ExitCode == 0, resumed.Output + resumed.Error);
        Assert.Contains("the optimizer starts afresh", resumed.Output + resumed.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine("resumed", "last.ckpt")));
    }

    [Fact]
    public void AModelFileIsWrittenAsAReadableModuleWithTheInferredSizes()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("project");

        var result = CliRunner.Run("export", CliRunner.Example("fashion_mnist.model"), "--to", "pytorch", project);

        Assert.True(result.ExitCode == 0, result.Error);
        var python = File.ReadAllText(Path.Combine(project, "model.py"));
        Assert.Contains("class FashionMnist(nn.Module):", python, StringComparison.Ordinal);
        Assert.Contains("self.conv1 = nn.Conv2d(1, 32, 3, padding=1)", python, StringComparison.Ordinal);
        Assert.Contains("self.fc1 = nn.Linear(3136, 128)", python, StringComparison.Ordinal);
        Assert.Contains("x = self.flatten(x)  # Nx3136", python, StringComparison.Ordinal);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "project.json"))).RootElement;
        Assert.Equal("FashionMnist", json.GetProperty("class_name").GetString());
        Assert.Equal(10, json.GetProperty("num_classes").GetInt32());
        Assert.Equal(File.ReadAllText(CliRunner.Example("fashion_mnist.model")), json.GetProperty("model_source").GetString());
        Assert.True(File.Exists(Path.Combine(project, "train_ddp.py")));
        Assert.Contains("--nproc_per_node", File.ReadAllText(Path.Combine(project, "README.md")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project, "weights.pt")));
    }

    [PyTorchFact]
    public void APythonModelTrainedWithTorchrunImportsToTheSameTestAccuracy()
    {
        using var folder = new TempFolder();
        var (data, test) = SmallData(folder);
        var model = folder.WriteFile("small_net.py", SmallPython);
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", model, "--to", "pytorch", project).ExitCode);
        Assert.Equal(SmallPython, File.ReadAllText(Path.Combine(project, "model.py")));
        var run = folder.Combine("run");

        var result = PythonProcess.TorchRun(folder.Path, Path.Combine(project, "train_ddp.py"), "--data", data, "--test", test, "--epochs", "1", "--batch-size", "8", "--out", run);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        ImportedEvaluatesAsTheScript(folder, run, test, Metrics(run), expectedEpoch: 1);
    }

    [PyTorchFact]
    public void MixedPrecisionOnTheCpuTrainsInBfloat16AndKeepsTheLossFinite()
    {
        using var folder = new TempFolder();
        var (data, test) = SmallData(folder);
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", folder.WriteFile("small.model", SmallModel), "--to", "pytorch", project).ExitCode);
        var run = folder.Combine("run");

        var result = PythonProcess.Run(folder.Path, Path.Combine(project, "train_ddp.py"), "--data", data, "--test", test, "--epochs", "1", "--batch-size", "8", "--amp", "--out", run);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var metrics = Metrics(run);
        Assert.Equal("bfloat16", metrics.GetProperty("amp").GetString());
        var epoch = Assert.Single(metrics.GetProperty("epochs").EnumerateArray());
        Assert.True(double.IsFinite(epoch.GetProperty("train_loss").GetDouble()));
        Assert.InRange(epoch.GetProperty("test_accuracy").GetDouble(), 0.0, 1.0);
        Assert.True(File.Exists(Path.Combine(run, "weights.pt")));
    }

    [PyTorchFact]
    public void TheScriptRefusesMissingDataWithOneLineAndExitStatus2()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", folder.WriteFile("small.model", SmallModel), "--to", "pytorch", project).ExitCode);
        var missing = folder.Combine("no-such-data");

        var result = PythonProcess.Run(folder.Path, Path.Combine(project, "train_ddp.py"), "--data", missing, "--out", folder.Combine("run"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {missing}: does not exist", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Traceback", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("run")));
    }

    [PyTorchFact]
    public void TheScriptsValidationSplitIsShapeSafesSeededShuffle()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", folder.WriteFile("small.model", SmallModel), "--to", "pytorch", project).ExitCode);
        var cases = new (int Count, int Seed)[] { (1, 42), (10, 42), (200, 42), (1000, 7), (57, -3) };

        var result = PythonProcess.Run(project, ["-c", """
            import sys, train_ddp
            for pair in sys.argv[1:]:
                count, seed = map(int, pair.split(":"))
                print(",".join(map(str, train_ddp.permutation(count, seed))))
            """, .. cases.Select(c => $"{c.Count}:{c.Seed}")]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Length, lines.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal(string.Join(",", ShapeSafe.Torch.Data.Shuffle.Permutation(cases[i].Count, cases[i].Seed)), lines[i]);
        }
    }

    [PyTorchFact]
    public void ThePlainPythonPngReaderDecodesAsPillowDoes()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("project");
        Assert.Equal(0, CliRunner.Run("export", folder.WriteFile("small.model", SmallModel), "--to", "pytorch", project).ExitCode);
        Assert.Equal(0, CliRunner.Run("make-data", folder.Combine("rgb"), "--classes", "2", "--per-class", "3", "--size", "12x10", "--channels", "3").ExitCode);
        Assert.Equal(0, CliRunner.Run("make-data", folder.Combine("gray"), "--classes", "2", "--per-class", "3", "--size", "9x9", "--channels", "1").ExitCode);

        var result = PythonProcess.Run(project, ["-c", """
            import glob, sys, torch, train_ddp
            if not train_ddp.HAS_PIL:
                print("skipped: no Pillow"); sys.exit(0)
            files = sorted(glob.glob(sys.argv[1] + "/*/*/*.png"))
            for f in files:
                assert torch.equal(train_ddp.decode_png(f), train_ddp.decode_other(f)), f
            print(len(files), "equal")
            """, folder.Path]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(result.Output.Contains("12 equal", StringComparison.Ordinal) || result.Output.Contains("skipped", StringComparison.Ordinal), result.Output);
    }

    [Fact]
    public void AModelWithErrorsWritesNoProjectAndAPtExportRefusesPyTorchOnlyOptions()
    {
        using var folder = new TempFolder();
        var project = folder.Combine("project");

        var refused = CliRunner.Run("export", CliRunner.Example("seed_example3_debug.model"), "--to", "pytorch", project);
        var wrongOption = CliRunner.Run("export", CliRunner.Example("fashion_mnist.model"), "--to", "pt", folder.Combine("w.pt"), "--class", "X");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("SS0100", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project));
        Assert.Equal(2, wrongOption.ExitCode);
        Assert.Contains("--class and --input are for --to pytorch", wrongOption.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportOfAFolderThatIsNoRunSaysWhatItTakes()
    {
        using var folder = new TempFolder();

        var result = CliRunner.Run("import", folder.Path, "--out", folder.Combine("x.ckpt"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("import takes a run folder of train_ddp.py", result.Error, StringComparison.Ordinal);
    }

    private static (string Data, string Test) SmallData(TempFolder folder)
    {
        var data = folder.Combine("data");
        var test = folder.Combine("test");
        Assert.Equal(0, CliRunner.Run("make-data", data, "--classes", "4", "--per-class", "16", "--size", "16x16", "--channels", "1").ExitCode);
        Assert.Equal(0, CliRunner.Run("make-data", test, "--classes", "4", "--per-class", "10", "--size", "16x16", "--channels", "1", "--seed", "1").ExitCode);
        return (data, test);
    }

    private static JsonElement Metrics(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))).RootElement;

    /// <summary>import RUN_DIR, then evaluate on the test set: the same accuracy, image for image, as the script's last epoch.</summary>
    private static string ImportedEvaluatesAsTheScript(TempFolder folder, string run, string test, JsonElement metrics, int expectedEpoch)
    {
        var checkpoint = folder.Combine("imported.ckpt");
        var imported = CliRunner.Run("import", run, "--out", checkpoint);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains($"after epoch {expectedEpoch}", imported.Output, StringComparison.Ordinal);

        var evaluated = CliRunner.Run("evaluate", checkpoint, "--data", test, "--format", "json");
        Assert.True(evaluated.ExitCode == 0, evaluated.Error);
        var report = JsonDocument.Parse(evaluated.Output).RootElement;
        var last = metrics.GetProperty("epochs").EnumerateArray().Last();
        Assert.Equal(last.GetProperty("test_correct").GetInt32(), (int)Math.Round(report.GetProperty("accuracy").GetDouble() * report.GetProperty("count").GetInt32()));
        Assert.Equal(metrics.GetProperty("test_accuracy").GetDouble(), report.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(last.GetProperty("test_loss").GetDouble(), report.GetProperty("loss").GetDouble(), 4);
        return checkpoint;
    }
}
