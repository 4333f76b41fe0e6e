using System.Diagnostics;
using ShapeSafe.Tests.TestSupport;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Training;

public sealed class TrainerTests
{
    private static readonly TrainingSettings Quick = new() { Epochs = 3, BatchSize = 16, LearningRate = 3e-3, Seed = 7 };

    private static nn.Module<Tensor, Tensor> NewModel(int seed = 7)
    {
        Trainer.Seed(seed);
        return TinyModels.Cnn(3, 16, 16, 3);
    }

    [Fact]
    public void LearnsGeneratedShapesAndWritesEveryOutput()
    {
        using var folder = new TempFolder();
        var job = Jobs.Shapes(folder, Quick with { Epochs = 4 }, perClass: 80);
        using var model = NewModel();
        var progress = new RecordingProgress();

        var result = Trainer.Run(job, model, progress);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([1, 2, 3, 4], result.History.Select(m => m.Epoch));
        Assert.True(result.History[^1].TrainAccuracy > 0.6, $"train accuracy {result.History[^1].TrainAccuracy} is not well above chance (1/3)");
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss, "the training loss did not go down");
        Assert.All(result.History, m => Assert.True(m.ImagesPerSecond > 0 && m.Seconds > 0));
        foreach (var file in new[] { "metrics.json", "metrics.csv", "curves.png", "confusion.png", "confusion.csv", "last.ckpt", "best.ckpt" })
        {
            Assert.True(File.Exists(Path.Combine(job.OutputFolder, file)), $"{file} was not written");
        }

        Assert.Equal(5, File.ReadAllLines(Path.Combine(job.OutputFolder, "metrics.csv")).Length);
        Assert.Empty(Directory.GetFiles(job.OutputFolder, "*.tmp"));
        Assert.Equal(4, CheckpointFile.Read(result.LastCheckpoint!).Meta.Epoch);
        Assert.Equal(4, progress.Epochs.Count);
        Assert.Equal(progress.Steps.Count, 4 * new BatchLoader(job.Train, job.Normalization, CPU).BatchCount(16));
    }

    [Fact]
    public void MemoryStaysFlatAcrossEpochs()
    {
        using var folder = new TempFolder();
        var job = Jobs.Shapes(folder, Quick with { Epochs = 6, BatchSize = 8 }, perClass: 120);
        using var model = NewModel();
        var memory = new Dictionary<int, long>();
        var progress = new RecordingProgress
        {
            AfterEpoch = m =>
            {
                if (m.Epoch is 2 or 6)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    using var process = Process.GetCurrentProcess();
                    memory[m.Epoch] = process.WorkingSet64;
                }
            },
        };

        var result = Trainer.Run(job, model, progress);

        Assert.Equal(TrainingStatus.Completed, result.Status);
        var growth = memory[6] - memory[2];
        // 4 epochs of 41 steps each: a leaked batch of activations per step would add well over 100 MB.
        Assert.True(growth < 48L << 20, $"the working set grew by {growth >> 20} MB between epoch 2 and epoch 6");
    }

    [Fact]
    public void ANaNLossStopsTrainingAndKeepsTheLastGoodCheckpoint()
    {
        using var folder = new TempFolder();
        var job = Jobs.Shapes(folder, Quick);
        using var model = NewModel();
        var progress = new RecordingProgress
        {
            AfterEpoch = m =>
            {
                if (m.Epoch == 1)
                {
                    using var noGrad = no_grad();
                    foreach (var p in model.parameters())
                    {
                        p.fill_(double.NaN);
                    }
                }
            },
        };

        var result = Trainer.Run(job, model, progress);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The loss became NaN at epoch 2, step 1 of", result.Message, StringComparison.Ordinal);
        Assert.Contains($"The last good checkpoint (epoch 1) is kept at {job.LastCheckpointPath}", result.Message, StringComparison.Ordinal);
        var kept = CheckpointFile.Read(job.LastCheckpointPath);
        Assert.Equal(1, kept.Meta.Epoch);
        using var restored = TinyModels.Cnn(3, 16, 16, 3);
        kept.LoadWeights(restored);
        Assert.All(restored.parameters(), p => Assert.True(p.isfinite().all().item<bool>()));
    }

    [Fact]
    public void CancellingStopsAfterTheCurrentStepAndKeepsTheLastCheckpoint()
    {
        using var folder = new TempFolder();
        var job = Jobs.Shapes(folder, Quick);
        using var model = NewModel();
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress { AfterStep = s => { if (s.Epoch == 2 && s.Step == 2) { cancel.Cancel(); } } };

        var result = Trainer.Run(job, model, progress, cancel.Token);

        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Contains("Stopped on request at epoch 2, step 3 of", result.Message, StringComparison.Ordinal);
        Assert.Single(result.History);
        Assert.Equal(1, CheckpointFile.Read(job.LastCheckpointPath).Meta.Epoch);
    }

    [Fact]
    public void ResumingContinuesFromTheSavedEpochAsIfUninterrupted()
    {
        using var straightFolder = new TempFolder();
        var straightJob = Jobs.Shapes(straightFolder, Quick with { Epochs = 2 });
        using var straight = NewModel();
        var straightResult = Trainer.Run(straightJob, straight, new RecordingProgress());

        using var folder = new TempFolder();
        var first = Jobs.Shapes(folder, Quick with { Epochs = 1 });
        using (var interrupted = NewModel())
        {
            Trainer.Run(first, interrupted, new RecordingProgress());
        }

        var checkpoint = CheckpointFile.Read(first.LastCheckpointPath);
        var second = Jobs.Shapes(folder, checkpoint.Meta.Settings with { Epochs = 2 }, resume: checkpoint);
        using var resumed = NewModel(seed: 12345);
        var progress = new RecordingProgress();
        var resumedResult = Trainer.Run(second, resumed, progress);

        Assert.Equal(TrainingStatus.Completed, resumedResult.Status);
        Assert.Contains(progress.Lines, l => l.StartsWith($"Resuming from {first.LastCheckpointPath} after epoch 1", StringComparison.Ordinal));
        Assert.Equal([2], progress.Epochs.Select(m => m.Epoch));
        Assert.Equal([1, 2], resumedResult.History.Select(m => m.Epoch));
        Assert.Equal(2, CheckpointFile.Read(second.LastCheckpointPath).Meta.Epoch);
        Assert.Equal(straightResult.History[^1].TrainLoss, resumedResult.History[^1].TrainLoss, 4);
        foreach (var ((name, a), (_, b)) in straight.named_parameters().Zip(resumed.named_parameters()))
        {
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5), $"{name} differs between the straight and the resumed run");
        }
    }

    [Fact]
    public void ResumingAtTheRequestedEpochTrainsNothing()
    {
        using var folder = new TempFolder();
        var job = Jobs.Shapes(folder, Quick with { Epochs = 1 });
        using (var model = NewModel())
        {
            Trainer.Run(job, model, new RecordingProgress());
        }

        var checkpoint = CheckpointFile.Read(job.LastCheckpointPath);
        using var again = NewModel();
        var result = Trainer.Run(job with { Resume = checkpoint }, again, new RecordingProgress());

        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Contains("already holds 1 epoch(s); pass --epochs above 1", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, typeof(TorchSharp.Modules.Adam))]
    [InlineData(OptimizerKind.Sgd, typeof(TorchSharp.Modules.SGD))]
    public void CreatesTheRequestedOptimizer(OptimizerKind kind, Type expected)
    {
        using var model = NewModel();

        using var optimizer = Trainer.CreateOptimizer(model, new TrainingSettings { Optimizer = kind });

        Assert.IsType(expected, optimizer);
        Assert.Equal(kind == OptimizerKind.Adam ? 1e-3 : 1e-2, optimizer.ParamGroups.Single().LearningRate);
    }
}
