using System.IO.Compression;
using System.Text.Json;
using ShapeSafe.Tests.TestSupport;
using Xunit.Abstractions;

namespace ShapeSafe.Tests.Kills;

/// <summary>
/// Kill tests (issue #10): a real `train` process on a tiny model and data set with many short epochs, SIGKILLed
/// eight times at moments drawn from a fixed seed (at its first line, right after an epoch, in the middle of a
/// checkpoint or metrics write; a temporary file left in the folder shows the kill hit a write), each run resuming from the last checkpoint. After every kill the last checkpoint
/// loads (`evaluate` exits 0), holds every epoch the run printed (a kill loses at most the epoch in progress), and the
/// next run resumes right after it; the last run trains to the end with one unbroken metrics history.
/// </summary>
[Collection(Fuzzing.FuzzingCollection.Name)]
public sealed class TrainKillTests
{
    private const int Seed = 20261201;
    private const int Kills = 8;
    private const int Epochs = 60;

    private readonly ITestOutputHelper _output;

    public TrainKillTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void KilledTrainingAlwaysLeavesALoadableCheckpointAndResumesLosingAtMostOneEpoch()
    {
        using var folder = new TempFolder();
        var data = folder.Combine("idx");
        IdxFolder.Write(data, train: 64, test: 16);
        var model = folder.WriteFile("wide.model", WideModel);
        var output = folder.Combine("run");
        var last = Path.Combine(output, "last.ckpt");
        var random = new Random(Seed);
        var saved = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var trigger = (KillTrigger)random.Next(3);
            var count = trigger == KillTrigger.FirstLine ? 1 : random.Next(1, 4);
            var what = $"kill {kill} of {Kills} (seed {Seed}: {trigger} {count}, checkpoint at epoch {saved})";
            var run = TrainProcess.Run(Train(model, data, output, Epochs, saved > 0 ? last : null), output, trigger, count);

            Assert.False(run.Hung, $"{what}: train still running after {TrainProcess.Bound.TotalSeconds:0} s\n{run.Output}\n{run.Error}");
            Assert.True(run.Killed, $"{what}: train ended by itself with exit {run.ExitCode} before the kill\n{run.Output}\n{run.Error}");
            if (run.Epochs.Count > 0)
            {
                Assert.True(run.Epochs[0] == saved + 1, $"{what}: the run resumed at epoch {run.Epochs[0]}, not {saved + 1}\n{run.Output}");
            }

            if (!File.Exists(last))
            {
                Assert.True(saved == 0 && run.Epochs.Count == 0, $"{what}: no last.ckpt after epochs {string.Join(", ", run.Epochs)} were reported");
                _output.WriteLine($"{what}: no checkpoint yet");
                continue;
            }

            var epoch = CheckpointEpoch(last);
            var printed = run.Epochs.Count > 0 ? run.Epochs[^1] : saved;
            Assert.True(epoch >= printed, $"{what}: last.ckpt holds epoch {epoch}, but the run had reported epoch {printed}: more than the epoch in progress was lost");
            Assert.True(epoch >= saved, $"{what}: last.ckpt went back from epoch {saved} to {epoch}");
            var evaluate = CliRunner.Run("evaluate", last, "--data", data);
            Assert.True(evaluate.ExitCode == 0, $"{what}: evaluate on last.ckpt (epoch {epoch}) exits {evaluate.ExitCode}\n{evaluate.Output}{evaluate.Error}");
            var temporaries = Directory.GetFiles(output, "*" + ShapeSafe.IO.AtomicFile.TemporarySuffix).Length;
            _output.WriteLine($"{what}: printed {string.Join(",", run.Epochs)}; last.ckpt at epoch {epoch} loads; {temporaries} temporary file(s) in the folder");
            saved = epoch;
        }

        var final = TrainProcess.Run(Train(model, data, output, saved + 2, saved > 0 ? last : null), output, null, 0);

        Assert.True(final.ExitCode == 0, $"the last run (seed {Seed}) exits {final.ExitCode}\n{final.Output}\n{final.Error}");
        Assert.Equal(Enumerable.Range(saved + 1, 2), final.Epochs);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var history = metrics.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(1, saved + 2), history);
        // The last run removed what the kills left (StaleTemporaries) and finished its own writes.
        Assert.Empty(Directory.GetFiles(output, "*" + ShapeSafe.IO.AtomicFile.TemporarySuffix));
    }

    /// <summary>Small to train, but a checkpoint of a few MB (weights and Adam's moments), so that a write lasts long enough to be hit.</summary>
    private const string WideModel = """
        input Nx1x10x10
        flatten = nn.Flatten()
        fc1 = nn.Linear(100, 2048)
        relu = nn.ReLU()
        fc2 = nn.Linear(2048, 10)
        """;

    private static string[] Train(string model, string data, string output, int epochs, string? resume) =>
    [
        "train", model, "--data", data, "--out", output, "--epochs", $"{epochs}", "--batch-size", "8", "--threads", "1", "--seed", "3",
        .. resume is null ? Array.Empty<string>() : ["--resume", resume],
    ];

    private static int CheckpointEpoch(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var stream = zip.GetEntry("meta.json")!.Open();
        using var meta = JsonDocument.Parse(stream);
        return meta.RootElement.GetProperty("epoch").GetInt32();
    }
}
