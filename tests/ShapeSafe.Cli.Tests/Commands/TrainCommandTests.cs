using System.Text.Json;
using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.TestSupport;

namespace ShapeSafe.Tests.Commands;

public sealed class TrainCommandTests
{
    private static string[] Train(string model, string data, string output, params string[] more) =>
        ["train", model, "--data", data, "--out", output, "--threads", "2", .. more, .. more.Contains("--batch-size") ? Array.Empty<string>() : ["--batch-size", "16"]];

    private static string Shapes(TempFolder folder, int classes, int perClass, int size)
    {
        var data = folder.Combine("data");
        var made = CommandRunner.Run(MakeDataCommand.Create(), "make-data", data, "--classes", $"{classes}", "--per-class", $"{perClass}", "--size", $"{size}x{size}");
        Assert.Equal(0, made.ExitCode);
        return data;
    }

    private static double[] Column(string output, string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        return json.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty(name).GetDouble()).ToArray();
    }

    [Fact]
    public void TheSeedModelTrainsOnGeneratedShapesAboveChance()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 60, size: 64);
        var model = folder.WriteFile("seed.model", Models.Seed(3));
        var output = folder.Combine("run");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "5"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Using GENERATED data", run.Output, StringComparison.Ordinal);
        Assert.Contains("on 162 images of 3x64x64 (3 classes: 00-circle, 01-square, 02-triangle), validating on 18", run.Output, StringComparison.Ordinal);
        Assert.Contains("epoch 5/5: train loss", run.Output, StringComparison.Ordinal);
        var accuracy = Column(output, "train_accuracy");
        Assert.True(accuracy[^1] > 0.5, $"train accuracy {accuracy[^1]} is not above chance (1/3)");
        foreach (var file in new[] { "last.ckpt", "best.ckpt", "metrics.json", "metrics.csv", "curves.png", "confusion.png", "confusion.csv" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing");
        }
    }

    [Fact]
    public void AModelWhoseOutputDiffersFromTheClassCountIsAnErrorBeforeTraining()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 4, perClass: 2, size: 16);
        var model = folder.WriteFile("seed.model", Models.Seed(10));
        var output = folder.Combine("run");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{model}:11:", run.Output, StringComparison.Ordinal);
        Assert.Contains("error[SS0113]: the model ends with 10 outputs but the data has 4 classes", run.Output, StringComparison.Ordinal);
        Assert.Contains($"expected 4: {data} has 4 classes (00-circle, 01-square, 02-triangle, 03-horizontal-stripes)", run.Output, StringComparison.Ordinal);
        Assert.Contains("nothing was trained", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void IdxDataOverridesTheDeclaredInputAndTheEngineReportsTheChannelMismatch()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("idx");
        IdxFolder.Write(data, train: 20, test: 10);
        var model = folder.WriteFile("rgb.model", Models.Tiny(10, channels: 3));

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, folder.Combine("run")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[SS0101]", run.Output, StringComparison.Ordinal);
        Assert.Contains("expects 3 input channels but receives 1", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, Action<string>, string, string> BadData => new()
    {
        {
            "truncated IDX", d =>
            {
                IdxFolder.Write(d, 20, 10);
                var path = Path.Combine(d, "train-images-idx3-ubyte");
                File.WriteAllBytes(path, File.ReadAllBytes(path)[..500]);
            },
            Models.Tiny(10, channels: 1, size: 10),
            "train-images-idx3-ubyte: is truncated"
        },
        {
            "mismatched counts", d =>
            {
                IdxFolder.Write(d, 20, 10);
                File.WriteAllBytes(Path.Combine(d, "train-labels-idx1-ubyte"), IdxFolder.Labels(19, n => n % 10));
            },
            Models.Tiny(10, channels: 1, size: 10),
            "train-labels-idx1-ubyte: holds 19 labels but train-images-idx3-ubyte holds 20 images"
        },
        {
            "bad magic", d =>
            {
                IdxFolder.Write(d, 20, 10);
                var path = Path.Combine(d, "train-images-idx3-ubyte");
                var bytes = File.ReadAllBytes(path);
                bytes[2] = 0x0D;
                File.WriteAllBytes(path, bytes);
            },
            Models.Tiny(10, channels: 1, size: 10),
            "train-images-idx3-ubyte: bad magic number 0x00000d03"
        },
        {
            "label out of range", d =>
            {
                IdxFolder.Write(d, 20, 10);
                File.WriteAllBytes(Path.Combine(d, "train-labels-idx1-ubyte"), IdxFolder.Labels(20, n => n == 7 ? 42 : 1));
            },
            Models.Tiny(10, channels: 1, size: 10),
            "train-labels-idx1-ubyte: label 42 at index 7 is out of range"
        },
        {
            "empty class folder", d =>
            {
                CommandRunner.Run(MakeDataCommand.Create(), "make-data", d, "--classes", "2", "--per-class", "2", "--size", "16x16");
                Directory.CreateDirectory(Path.Combine(d, "zz-empty"));
            },
            Models.Tiny(3),
            "zz-empty: is an empty class folder"
        },
        {
            "an image that does not decode", d =>
            {
                CommandRunner.Run(MakeDataCommand.Create(), "make-data", d, "--classes", "10", "--per-class", "2", "--size", "16x16");
                File.WriteAllText(Path.Combine(d, "01-square", "broken.png"), "not a png");
            },
            Models.Tiny(10),
            "broken.png: does not decode as an image"
        },
    };

    [Theory]
    [MemberData(nameof(BadData))]
    public void BadDataIsAnErrorNamingTheFileOrFolder(string name, Action<string> write, string modelText, string message)
    {
        using var folder = new TempFolder();
        var data = folder.Combine("data");
        Directory.CreateDirectory(data);
        write(data);
        var model = folder.WriteFile("m.model", modelText);

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, folder.Combine("run")));

        Assert.True(run.ExitCode == 1, $"{name}: {run.All}");
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDataFolderSuggestsGeneratedDataOfTheModelsSize()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("fashion.model", Models.Tiny(10, channels: 1, size: 28));
        var missing = folder.Combine("fashion-mnist");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, missing, folder.Combine("run")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{missing}: does not exist", run.Error, StringComparison.Ordinal);
        Assert.Contains($"shapesafe make-data {missing} --classes 10 --per-class 600 --size 28x28 --channels 1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeContinuesFromTheSavedEpoch()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 20, size: 16);
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));
        var output = folder.Combine("run");
        var first = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1"));
        Assert.True(first.ExitCode == 0, first.All);

        var resumed = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "2", "--resume", Path.Combine(output, "last.ckpt")));

        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains($"Resuming from {Path.Combine(output, "last.ckpt")} after epoch 1, up to epoch 2.", resumed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1/2:", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2: train loss", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(2, Column(output, "epoch").Length);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "metrics.csv")).Length);
    }

    [Fact]
    public void ResumeWarnsOncePerFlagTheCheckpointOverrides()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 20, size: 16);
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));
        var output = folder.Combine("run");
        var first = CommandRunner.Run(TrainCommand.Create(), Train(model, data, output, "--epochs", "1", "--seed", "7"));
        Assert.True(first.ExitCode == 0, first.All);
        var checkpoint = Path.Combine(output, "last.ckpt");

        var resumed = CommandRunner.Run(TrainCommand.Create(), Train(
            model, data, output, "--epochs", "2", "--resume", checkpoint, "--lr", "0.05", "--optimizer", "sgd", "--seed", "7", "--batch-size", "8"));

        Assert.True(resumed.ExitCode == 0, resumed.All);
        var warnings = resumed.Error.Split('\n').Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            $"warning: --batch-size 8 is ignored: resuming from {checkpoint} continues with its --batch-size 16",
            $"warning: --lr 0.05 is ignored: resuming from {checkpoint} continues with its --lr default (0.001)",
            $"warning: --optimizer sgd is ignored: resuming from {checkpoint} continues with its --optimizer adam",
        ], warnings.Select(w => w.TrimEnd('\r')));
        Assert.Contains("epoch 2/2: train loss", resumed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptCheckpointToResumeFromIsNamed()
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 2, size: 16);
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));
        var checkpoint = folder.WriteFile("bad.ckpt", "not a zip archive");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, folder.Combine("run"), "--resume", checkpoint));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{checkpoint}: is corrupt", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be between 1 and 100000, not 0")]
    [InlineData("--lr", "-1", "--lr must be a positive number")]
    [InlineData("--optimizer", "rmsprop", "rmsprop")]
    [InlineData("--device", "tpu", "unknown device 'tpu'")]
    public void BadOptionsAreReported(string option, string value, string message)
    {
        using var folder = new TempFolder();
        var data = Shapes(folder, classes: 3, perClass: 2, size: 16);
        var model = folder.WriteFile("tiny.model", Models.Tiny(3));

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, data, folder.Combine("run"), option, value));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [FashionMnistFact]
    public void OneShortEpochOnFashionMnistIsWellAboveChance()
    {
        using var folder = new TempFolder();
        var model = folder.WriteFile("fashion.model", Models.Tiny(10, channels: 1, size: 28));
        var output = folder.Combine("run");

        var run = CommandRunner.Run(TrainCommand.Create(), Train(model, FashionMnistFactAttribute.Folder, output, "--epochs", "1", "--limit", "3000", "--batch-size", "32"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("on 2700 images of 1x28x28 (10 classes: T-shirt/top, Trouser", run.Output, StringComparison.Ordinal);
        var accuracy = Column(output, "val_accuracy")[0];
        Assert.True(accuracy > 0.5, $"validation accuracy {accuracy} after one epoch on 2700 images is not well above chance (0.1)");
    }
}
