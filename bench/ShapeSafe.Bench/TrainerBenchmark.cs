using System.Diagnostics;
using System.Globalization;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Native;
using ShapeSafe.Torch.Training;
using static TorchSharp.torch;

namespace ShapeSafe.Bench;

/// <summary>
/// <c>train</c>'s step throughput against a raw TorchSharp loop on the same model file and data (issue 10 wants at least
/// 95%): <c>--mode service</c> trains through <see cref="TrainingService"/> (what the CLI runs: loader, metrics, progress,
/// checkpoints) and reports the training images/s of its last epoch; <c>--mode raw</c> normalizes the same images once
/// into one float tensor and runs forward, cross-entropy, backward and Adam over shuffled slices, with nothing else.
/// <code>
/// dotnet bench/ShapeSafe.Bench/bin/Release/net10.0/ShapeSafe.Bench.dll trainer --mode service|raw [--model fashion] [--data /usr/share/datasets/fashion-mnist] [--limit 12800] [--epochs 2] [--batch 128] [--threads 2]
/// </code>
/// Both run <c>--epochs</c> epochs and report the last, so the first epoch's warm-up is left out of both.
/// </summary>
public static class TrainerBenchmark
{
    public static int Run(string[] args)
    {
        var options = Options.Parse(args);
        var mode = options.GetValueOrDefault("mode", "service");
        var model = Options.ModelPath(options.GetValueOrDefault("model", "fashion"));
        var data = options.GetValueOrDefault("data", "/usr/share/datasets/fashion-mnist");
        var limit = Options.Int(options, "limit", 12800);
        var epochs = Options.Int(options, "epochs", 2);
        var batch = Options.Int(options, "batch", 128);
        var threads = Options.Int(options, "threads", 2);
        var selection = NativeRuntime.Initialize("cpu", null);
        if (!selection.Succeeded || !NativeRuntime.TrySetThreads(threads, out _))
        {
            Console.Error.WriteLine($"error: {selection.Failure ?? "cannot set the thread count"}");
            return 2;
        }

        var imagesPerSecond = mode switch
        {
            "service" => Service(model, data, limit, epochs, batch, threads),
            "raw" => Raw(model, data, limit, epochs, batch),
            _ => throw new ArgumentException($"--mode {mode}: expected service or raw"),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode,-7} {imagesPerSecond,10:0} images/s (training steps, last of {epochs} epochs, {limit} images, batch {batch}, {get_num_threads()} threads)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"{mode}\": {imagesPerSecond:0.0}}}"));
        return 0;
    }

    private static double Service(string model, string data, int limit, int epochs, int batch, int threads)
    {
        var output = Directory.CreateTempSubdirectory("shapesafe-bench-train-");
        try
        {
            var request = TrainingRequest.ForFile(model, data) with
            {
                Settings = new TrainingSettings { Epochs = epochs, BatchSize = batch, Limit = limit },
                Threads = threads,
                OutputFolder = output.FullName,
            };
            using var preparation = TrainingService.Prepare(request);
            if (!preparation.Ready)
            {
                throw new InvalidOperationException($"train could not start: {preparation.Problem?.Message}");
            }

            var progress = new LastEpoch();
            var result = TrainingService.Run(preparation, progress);
            if (result.Status != TrainingStatus.Completed || progress.Metrics is not { } last)
            {
                throw new InvalidOperationException($"training ended {result.Status}: {result.Message}");
            }

            return last.ImagesPerSecond;
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static double Raw(string model, string data, int limit, int epochs, int batch)
    {
        var set = IdxDataset.Load(data, DataSplit.Train, limit);
        var (module, _, _) = Throughput.Build(model, CPU);
        using (module)
        {
            using var images = BatchLoader.Normalize(set.Pixels, set.Count, set.Channels, set.Height, set.Width, Normalization.Compute(set), CPU);
            using var labels = tensor(set.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
            using var optimizer = optim.Adam(module.parameters(), lr: 1e-3);
            module.train();
            var seconds = 0.0;
            for (var epoch = 1; epoch <= epochs; epoch++)
            {
                using var order = randperm(set.Count);
                var clock = Stopwatch.StartNew();
                for (var start = 0; start < set.Count; start += batch)
                {
                    using var scope = NewDisposeScope();
                    var ids = order.narrow(0, start, Math.Min(batch, set.Count - start));
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(module.forward(images.index_select(0, ids)), labels.index_select(0, ids));
                    loss.backward();
                    optimizer.step();
                }

                seconds = clock.Elapsed.TotalSeconds;
            }

            return set.Count / seconds;
        }
    }

    /// <summary>Keeps the last epoch's figures; prints nothing.</summary>
    private sealed class LastEpoch : ITrainingProgress
    {
        public EpochMetrics? Metrics { get; private set; }

        public void Info(string message)
        {
        }

        public void EpochStarted(int epoch, int epochs, int steps)
        {
        }

        public void StepCompleted(StepProgress progress)
        {
        }

        public void EpochCompleted(EpochMetrics metrics, int epochs) => Metrics = metrics;
    }
}
