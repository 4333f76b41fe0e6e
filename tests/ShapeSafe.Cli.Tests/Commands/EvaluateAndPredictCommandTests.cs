using System.Text.Json;
using ShapeSafe.Cli.Commands;
using ShapeSafe.Tests.TestSupport;
using SkiaSharp;

namespace ShapeSafe.Tests.Commands;

/// <summary>evaluate and predict on checkpoints trained once per class (IDX data and generated shapes).</summary>
public sealed class EvaluateAndPredictCommandTests : IClassFixture<EvaluateAndPredictCommandTests.TrainedRuns>
{
    private readonly TrainedRuns _runs;

    public EvaluateAndPredictCommandTests(TrainedRuns runs) => _runs = runs;

    [Fact]
    public void EvaluateOnAnIdxFolderUsesTheT10kFilesAndWritesJson()
    {
        var run = CommandRunner.Run(EvaluateCommand.Create(), "evaluate", _runs.IdxCheckpoint, "--data", _runs.IdxData, "--format", "json");

        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(60, root.GetProperty("count").GetInt32());
        var accuracy = root.GetProperty("accuracy").GetDouble();
        Assert.InRange(accuracy, 0, 1);
        var perClass = root.GetProperty("per_class").EnumerateArray().ToArray();
        Assert.Equal(10, perClass.Length);
        Assert.Equal("0", perClass[0].GetProperty("name").GetString());
        Assert.All(perClass, c => Assert.True(c.TryGetProperty("precision", out _) && c.TryGetProperty("recall", out _) && c.TryGetProperty("f1", out _)));
        var confusion = root.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(10, confusion.Length);
        Assert.Equal(60, confusion.Sum(r => r.Sum()));
        Assert.Equal(accuracy, Enumerable.Range(0, 10).Sum(i => confusion[i][i]) / 60.0, 9);
    }

    [Fact]
    public void EvaluateAsTextShowsAccuracyPerClassAndTheConfusionMatrix()
    {
        var run = CommandRunner.Run(EvaluateCommand.Create(), "evaluate", _runs.ShapesCheckpoint, "--data", _runs.ShapesData);

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("on " + _runs.ShapesData + ": 60 images", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"accuracy \d+\.\d\d%, loss \d+\.\d{4}, macro F1", run.Output);
        Assert.Contains("00-circle", run.Output, StringComparison.Ordinal);
        Assert.Contains("confusion matrix (rows: true class, columns: predicted class)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictGivesTheTopKWithProbabilities()
    {
        var images = Directory.GetFiles(Path.Combine(_runs.ShapesData, "01-square"), "*.png").Take(2).ToArray();

        var run = CommandRunner.Run(PredictCommand.Create(), ["predict", _runs.ShapesCheckpoint, .. images, "--top", "2", "--format", "json"]);

        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(run.Output);
        var predictions = json.RootElement.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(images, predictions.Select(p => p.GetProperty("image").GetString()));
        foreach (var p in predictions)
        {
            var top = p.GetProperty("top").EnumerateArray().ToArray();
            Assert.Equal(2, top.Length);
            Assert.True(top[0].GetProperty("probability").GetDouble() >= top[1].GetProperty("probability").GetDouble());
            Assert.Contains(top[0].GetProperty("class").GetString(), new[] { "00-circle", "01-square", "02-triangle" });
        }

        var text = CommandRunner.Run(PredictCommand.Create(), ["predict", _runs.ShapesCheckpoint, images[0]]);
        Assert.Matches(@": 0\d-\w+ \d+\.\d%, 0\d-\w+ \d+\.\d%, 0\d-\w+ \d+\.\d%", text.Output);
    }

    [Fact]
    public void PredictReadsAColorImageAsGrayscaleForAnIdxModel()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("big.png");
        using (var bitmap = new SKBitmap(40, 30))
        {
            bitmap.Erase(SKColors.Orange);
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }

        var run = CommandRunner.Run(PredictCommand.Create(), "predict", _runs.IdxCheckpoint, path, "--top", "10", "--format", "json");

        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(run.Output);
        var top = json.RootElement.GetProperty("predictions")[0].GetProperty("top").EnumerateArray().ToArray();
        Assert.Equal(10, top.Length);
        Assert.Equal(1.0, top.Sum(t => t.GetProperty("probability").GetDouble()), 4);
    }

    [Fact]
    public void AnImageThatDoesNotDecodeIsNamed()
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("photo.jpg", "not a jpeg");

        var run = CommandRunner.Run(PredictCommand.Create(), "predict", _runs.ShapesCheckpoint, path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}: does not decode as an image", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptCheckpointIsNamed()
    {
        using var folder = new TempFolder();
        var bytes = File.ReadAllBytes(_runs.ShapesCheckpoint);
        var path = folder.Combine("cut.ckpt");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var evaluate = CommandRunner.Run(EvaluateCommand.Create(), "evaluate", path, "--data", _runs.ShapesData);
        var predict = CommandRunner.Run(PredictCommand.Create(), "predict", path, Directory.GetFiles(Path.Combine(_runs.ShapesData, "00-circle"))[0]);

        Assert.Equal(1, evaluate.ExitCode);
        Assert.Contains($"{path}: is corrupt", evaluate.Error, StringComparison.Ordinal);
        Assert.Equal(1, predict.ExitCode);
        Assert.Contains($"{path}: is corrupt", predict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluatingOnDataWithOtherClassesIsAnError()
    {
        var run = CommandRunner.Run(EvaluateCommand.Create(), "evaluate", _runs.ShapesCheckpoint, "--data", _runs.IdxData);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{_runs.IdxData}: holds 1x10x10 images of 10 classes, but the model was trained on 3x16x16 images of 3 classes", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Two short training runs shared by the tests: a tiny model on IDX data and one on generated shapes.</summary>
    public sealed class TrainedRuns : IDisposable
    {
        private readonly TempFolder _folder = new();

        public TrainedRuns()
        {
            IdxData = _folder.Combine("idx");
            IdxFolder.Write(IdxData, train: 200, test: 60);
            var idxModel = _folder.WriteFile("idx.model", Models.Tiny(10, channels: 1, size: 10));
            Train(idxModel, IdxData, _folder.Combine("idx-run"));
            IdxCheckpoint = _folder.Combine("idx-run", "last.ckpt");

            ShapesData = _folder.Combine("shapes");
            Assert.Equal(0, CommandRunner.Run(MakeDataCommand.Create(), "make-data", ShapesData, "--classes", "3", "--per-class", "20", "--size", "16x16").ExitCode);
            var shapesModel = _folder.WriteFile("shapes.model", Models.Tiny(3));
            Train(shapesModel, ShapesData, _folder.Combine("shapes-run"));
            ShapesCheckpoint = _folder.Combine("shapes-run", "last.ckpt");
        }

        public string IdxData { get; }

        public string IdxCheckpoint { get; }

        public string ShapesData { get; }

        public string ShapesCheckpoint { get; }

        public void Dispose() => _folder.Dispose();

        private static void Train(string model, string data, string output)
        {
            var run = CommandRunner.Run(TrainCommand.Create(), "train", model, "--data", data, "--out", output, "--epochs", "2", "--batch-size", "16");
            Assert.True(run.ExitCode == 0, run.All);
        }
    }
}
