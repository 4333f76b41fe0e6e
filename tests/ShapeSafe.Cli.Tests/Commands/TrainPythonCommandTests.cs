using System.Text.Json;
using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

/// <summary><c>train FILE.py [--class NAME]</c>, then evaluate and predict with its checkpoint.</summary>
public sealed class TrainPythonCommandTests
{
    private static string[] Train(string model, string data, string output, params string[] more) =>
        ["train", model, "--data", data, "--out", output, "--threads", "2", "--batch-size", "16", .. more];

    private static string Shapes(TempFolder folder, int classes, int perClass)
    {
        var data = folder.Combine("data");
        var made = CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", $"{classes}", "--per-class", $"{perClass}", "--size", "16x16", "--seed", "1");
        Assert.Equal(0, made.ExitCode);
        return data;
    }

    private static double[] Column(string output, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        return json.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty(name).GetDouble()).ToArray();
    }

    [Theory]
    [InlineData(PythonModels.ResNetClass)]
    [InlineData(PythonModels.UNetClass)]
    public void APythonClassifierTrainsThenEvaluatesAndPredictsFromItsCheckpoint(string className)
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 100);
        var model = folder.WriteFile("net.py", PythonModels.Named(className));
        var output = folder.Combine("run");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "10", "--lr", "0.003"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("on 270 images of 3x16x16 (3 classes: 00-circle, 01-square, 02-triangle), validating on 30", run.Output, StringComparison.Ordinal);
        var accuracy = Column(output, "train_accuracy");
        Assert.True(accuracy[^1] > 0.6, $"{className}: train accuracy {accuracy[^1]} is not clearly above chance (1/3)");

        var checkpoint = Path.Combine(output, "last.ckpt");
        var evaluate = CommandRunner.Run(EvaluateCommand.Create(), "evaluate", checkpoint, "--data", data, "--format", "json");
        Assert.True(evaluate.ExitCode == 0, evaluate.All);
        using (var report = JsonDocument.Parse(evaluate.Output))
        {
            var evaluated = report.RootElement.GetProperty("accuracy").GetDouble();
            Assert.True(evaluated > 0.5, $"{className}: evaluated accuracy {evaluated}");
        }

        var images = Directory.GetFiles(data, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(3).ToArray();
        string[] predictArgs = ["predict", checkpoint, .. images, "--format", "json"];
        var first = CommandRunner.Run(PredictCommand.Create(), predictArgs);
        var second = CommandRunner.Run(PredictCommand.Create(), predictArgs);
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("00-circle", first.Output, StringComparison.Ordinal);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void AClassifierWithTheWrongNumberOfClassesIsAnErrorOnItsLineBeforeTraining()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 4, perClass: 2);
        var text = PythonModels.ResNet(classes: 10);
        var model = folder.WriteFile("resnet.py", text);
        var output = folder.Combine("run");
        var line = Array.FindIndex(text.Split('\n'), l => l.Contains("return self.fc(x)", StringComparison.Ordinal)) + 1;

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{model}:{line}:", run.Output, StringComparison.Ordinal);
        Assert.Contains("error[SS0113]: the model ends with 10 outputs but the data has 4 classes", run.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was trained", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void TheClassOptionPicksAmongSeveralAndResumeContinues()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 6);
        var model = folder.WriteFile("both.py", PythonModels.Both());
        var output = folder.Combine("run");

        var unnamed = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1"));
        Assert.NotEqual(0, unnamed.ExitCode);
        Assert.Contains("SS0437", unnamed.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "last.ckpt")));

        var named = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1", "--class", PythonModels.UNetClass));
        Assert.True(named.ExitCode == 0, named.All);
        var resumed = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "2", "--resume", Path.Combine(output, "last.ckpt")));
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Equal([1.0, 2.0], Column(output, "epoch"));

        var wrongKind = CommandRunner.Run(TrainCommand.Create(), Train(folder.WriteFile("seed.model", Models.Seed(3)), data, folder.Combine("other"), "--class", "Net"));
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.Contains("--class is for PyTorch .py models", wrongKind.All, StringComparison.Ordinal);
    }

    [Fact]
    public void APythonCheckpointRunsOnANpyInputOfAnotherBatch()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 20);
        var model = folder.WriteFile("net.py", PythonModels.ResNet());
        var output = folder.Combine("run");
        Assert.Equal(0, CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1")).ExitCode);
        var input = NpyInputs.Write(folder.Combine("x.npy"), [5, 3, 16, 16]);

        var run = CliRunner.Run("run", Path.Combine(output, "last.ckpt"), "--input", input, "--output", folder.Combine("y.npy"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal([5L, 3L], ShapeSafe.Interop.NpyFile.Read(folder.Combine("y.npy")).Shape);
    }

    [PyTorchFact]
    public void APythonCheckpointExportsAStateDictThatTheSameClassLoadsStrictlyInPyTorchWithTheSameOutput()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 20);
        var model = folder.WriteFile("net.py", PythonModels.ResNet());
        var output = folder.Combine("run");
        Assert.Equal(0, CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1")).ExitCode);
        var checkpoint = Path.Combine(output, "last.ckpt");
        var input = NpyInputs.Write(folder.Combine("x.npy"), [4, 3, 16, 16]);

        var export = CliRunner.Run("export", checkpoint, "--to", "pt", folder.Combine("w.pt"));
        var run = CliRunner.Run("run", checkpoint, "--input", input, "--output", folder.Combine("ours.npy"));
        PyTorchSide.RunSource(model, PythonModels.ResNetClass, folder.Combine("w.pt"), input, folder.Combine("torch.npy"));

        Assert.True(export.ExitCode == 0, export.Error);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.InRange(NpyInputs.MaxDifference(folder.Combine("torch.npy"), folder.Combine("ours.npy")), 0, 1e-5);
    }

    [Fact]
    public void AMissingDataFolderSuggestsGeneratedDataOfThePythonModelsDeclaredSize()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("net.py", """
            import torch.nn as nn


            # shapesafe: input 2x1x28x28
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.conv = nn.Conv2d(1, 4, 3, padding=1)
                    self.fc = nn.Linear(4 * 28 * 28, 7)

                def forward(self, x):
                    return self.fc(self.conv(x).flatten(1))
            """);
        var missing = folder.Combine("shapes");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, missing, folder.Combine("run")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{missing}: does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains($"shapesafe make-data {missing} --classes 7 --per-class 600 --size 28x28 --channels 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void APythonModelThatBranchesOnTensorValuesIsRefusedBeforeTraining()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 2);
        var model = folder.WriteFile("branchy.py", BranchyNet);
        var output = folder.Combine("run");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output));

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Contains("branchy.py:11:", run.All, StringComparison.Ordinal);
        Assert.Contains("error SS0310: the runtime cannot build this model: the if on x.mean() > 0", run.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "last.ckpt")));
    }

    /// <summary>A classifier whose forward takes one of two heads by the sign of its features' mean (line 11).</summary>
    internal const string BranchyNet = """
        import torch.nn as nn


        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 4, 3, padding=1)
                self.fc = nn.Linear(4 * 16 * 16, 3)

            def forward(self, x):
                if x.mean() > 0:
                    x = self.conv(x)
                else:
                    x = -self.conv(x)
                return self.fc(x.flatten(1))
        """;
}
