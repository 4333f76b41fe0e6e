using ShapeSafe.Syntax;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Inference;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Tests.Training;

/// <summary>Training, evaluation and prediction called from C#, as the docs' example does, without the CLI.</summary>
public sealed class TrainingServiceTests
{
    private static readonly TrainingSettings Quick = new() { Epochs = 1, BatchSize = 16 };

    private static string Data(TempFolder folder, int classes = 3)
    {
        var data = folder.Combine("data");
        SyntheticShapes.Write(data, classes, perClass: 20, height: 16, width: 16, channels: 3, seed: 1);
        return data;
    }

    private static TrainingRequest Request(TempFolder folder, string data, string modelText = TinyModels.CnnText) =>
        new(ModelFileParser.Parse(folder.Combine("tiny.model"), modelText), data)
        {
            Settings = Quick,
            OutputFolder = folder.Combine("run"),
        };

    [Fact]
    public void TrainThenEvaluateThenPredictFromCSharp()
    {
        using var folder = new TempFolder();
        var data = Data(folder);
        using var log = new StringWriter();

        using var preparation = TrainingService.Prepare(Request(folder, data), log);
        Assert.True(preparation.Ready, preparation.Problem?.Message);
        Assert.Empty(preparation.Warnings);
        Assert.Equal(54, preparation.Job!.Train.Count);
        Assert.Equal(6, preparation.Job.Validation.Count);
        Assert.Contains("Training tiny (", log.ToString(), StringComparison.Ordinal);
        var result = TrainingService.Run(preparation, new RecordingProgress());

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(folder.Combine("run", "last.ckpt"), result.LastCheckpoint);

        var evaluation = EvaluationService.Evaluate(new EvaluationRequest(result.LastCheckpoint!, data, BatchSize: 32));
        Assert.Equal(60, evaluation.Report.Count);
        Assert.Equal(["00-circle", "01-square", "02-triangle"], evaluation.Report.ClassNames);
        Assert.Equal(60, evaluation.Report.Confusion.Sum(row => row.Sum()));

        var images = Directory.GetFiles(data, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(2).ToList();
        var prediction = PredictionService.Predict(new PredictionRequest(result.LastCheckpoint!, images, Top: 5));
        Assert.Equal(images, prediction.Predictions.Select(p => p.Image));
        foreach (var p in prediction.Predictions)
        {
            Assert.Equal(3, p.Top.Count);
            Assert.Equal(1.0, p.Top.Sum(g => g.Probability), 3);
            Assert.True(p.Top[0].Probability >= p.Top[1].Probability);
            Assert.Equal(evaluation.Report.ClassNames[p.Top[0].Index], p.Top[0].Class);
        }
    }

    [Fact]
    public void ResumingWarnsAboutTheSettingsTheCheckpointOverrides()
    {
        using var folder = new TempFolder();
        var data = Data(folder);
        string checkpoint;
        using (var first = TrainingService.Prepare(Request(folder, data)))
        {
            checkpoint = TrainingService.Run(first, new RecordingProgress()).LastCheckpoint!;
        }

        var request = Request(folder, data) with
        {
            Settings = Quick with { Epochs = 2, BatchSize = 8, Seed = 42 },
            ResumePath = checkpoint,
            GivenOptions = new HashSet<string> { "--batch-size", "--seed" },
        };
        using var resumed = TrainingService.Prepare(request);

        Assert.True(resumed.Ready, resumed.Problem?.Message);
        Assert.Equal([$"--batch-size 8 is ignored: resuming from {checkpoint} continues with its --batch-size 16"], resumed.Warnings);
        Assert.Equal(16, resumed.Job!.Settings.BatchSize);
        Assert.Equal(2, resumed.Job.Settings.Epochs);
    }

    public static TheoryData<string, TrainingProblemKind, string> Problems => new()
    {
        { "missing data", TrainingProblemKind.Data, "does not exist; --data takes an IDX folder" },
        { "wrong classes", TrainingProblemKind.Model, "does not fit the data at" },
        { "bad settings", TrainingProblemKind.Usage, "--epochs must be between 1 and 100000, not 0" },
        { "bad device", TrainingProblemKind.Device, "unknown device 'tpu'" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void ExpectedProblemsComeBackAsData(string name, TrainingProblemKind kind, string message)
    {
        using var folder = new TempFolder();
        var data = Data(folder, classes: name == "wrong classes" ? 4 : 3);
        var request = name switch
        {
            "missing data" => Request(folder, folder.Combine("nowhere")),
            "bad settings" => Request(folder, data) with { Settings = Quick with { Epochs = 0 } },
            "bad device" => Request(folder, data) with { Device = new Torch.Native.DeviceRequest("tpu") },
            _ => Request(folder, data),
        };

        using var preparation = TrainingService.Prepare(request);

        Assert.False(preparation.Ready);
        Assert.Equal(kind, preparation.Problem!.Kind);
        Assert.Contains(message, preparation.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(name == "wrong classes", preparation.Problem.Diagnostics.Any(d => d.Code == "SS0113"));
        Assert.Equal(name == "missing data", preparation.Problem.Hint is not null);
        Assert.False(Directory.Exists(folder.Combine("run")));
        Assert.Throws<InvalidOperationException>(() => TrainingService.Run(preparation, new RecordingProgress()));
    }

    [Fact]
    public void ACheckpointThatIsNotOneIsAnException()
    {
        using var folder = new TempFolder();
        var bad = Path.Combine(folder.Path, "bad.ckpt");
        File.WriteAllText(bad, "not a zip archive");

        Assert.Throws<CheckpointException>(() => PredictionService.Predict(new PredictionRequest(bad, ["x.png"])));
        Assert.Throws<CheckpointException>(() => EvaluationService.Evaluate(new EvaluationRequest(bad, folder.Path)));
    }

    /// <summary>The C# API checks the same ranges as the CLI's flags, before reading anything.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(TrainingSettings.MaxBatchSize + 1)]
    public void AnEvaluationBatchSizeOutOfRangeIsRefused(int batchSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationService.Evaluate(new EvaluationRequest("missing.ckpt", "missing", batchSize)));
        Assert.Equal("BatchSize", error.ParamName);
    }
}
