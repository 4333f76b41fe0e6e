using System.Diagnostics;
using System.Globalization;
using ShapeSafe.IO;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Reporting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// Trains a classifier: cross-entropy loss, Adam or SGD with momentum 0.9, one seeded shuffle per
/// epoch, validation after each epoch, then an atomic checkpoint (last.ckpt, and best.ckpt when the
/// validation accuracy improved), metrics.json/csv, curves.png and confusion.png/csv. Every loop
/// body runs in its own dispose scope, so memory stays flat across epochs. A NaN or infinite loss,
/// or a cancellation (Ctrl+C), stops after the current step and leaves the last good checkpoint.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Seeds libtorch's generator (weight initialization, dropout) from the run's seed. Call it before
    /// building the model so that the initial weights are reproducible too.
    /// </summary>
    public static void Seed(int seed) => manual_seed(seed);

    /// <summary>Creates the optimizer of the settings over the model's parameters, with PyTorch's defaults otherwise.</summary>
    public static OptimizerHelper CreateOptimizer(nn.Module model, TrainingSettings settings) => settings.Optimizer switch
    {
        OptimizerKind.Adam => new Adam(model.parameters(), settings.EffectiveLearningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: settings.WeightDecay),
        _ => new SGD(model.parameters(), settings.EffectiveLearningRate, momentum: TrainingSettings.SgdMomentum, weight_decay: settings.WeightDecay),
    };

    /// <summary>
    /// Runs the job on <paramref name="model"/> (built on the CPU; moved to the job's device here).
    /// When the job resumes, the checkpoint's weights and optimizer state are restored first and
    /// training continues after its epoch.
    /// </summary>
    public static TrainingResult Run(TrainingJob job, nn.Module<Tensor, Tensor> model, ITrainingProgress progress, CancellationToken cancel = default)
    {
        var settings = job.Settings;
        var history = new List<EpochMetrics>(job.Resume?.Meta.Metrics ?? []);
        var startEpoch = job.Resume?.Meta.Epoch ?? 0;
        job.Resume?.LoadWeights(model);
        model.to(job.Device);
        using var optimizer = CreateOptimizer(model, settings);
        if (job.Resume is { HasOptimizerState: true } resume)
        {
            resume.LoadOptimizerState(optimizer);
            progress.Info($"Resuming from {resume.Path} after epoch {startEpoch}, up to epoch {settings.Epochs}.");
        }
        else if (job.Resume is { } imported)
        {
            // An imported checkpoint (a PyTorch state_dict, or a train_ddp.py run) has weights but no TorchSharp optimizer state.
            progress.Info($"Resuming from {imported.Path} after epoch {startEpoch}, up to epoch {settings.Epochs}; it holds no optimizer state (it was imported), so the optimizer starts afresh.");
        }

        Directory.CreateDirectory(job.OutputFolder);
        var lastCheckpoint = job.Resume?.Path;
        var bestCheckpoint = File.Exists(job.BestCheckpointPath) && job.Resume is not null ? job.BestCheckpointPath : null;
        if (startEpoch >= settings.Epochs)
        {
            return new TrainingResult(TrainingStatus.Completed,
                $"The checkpoint already holds {startEpoch} epoch(s); pass --epochs above {startEpoch} to train further.", history, lastCheckpoint, bestCheckpoint);
        }

        using var trainLoader = new BatchLoader(job.Train, job.Normalization, job.Device);
        using var valLoader = new BatchLoader(job.Validation, job.Normalization, job.Device);
        var batchSize = settings.BatchSize;
        var steps = trainLoader.BatchCount(batchSize);
        var bestAccuracy = history.Count == 0 ? double.NegativeInfinity : history.Max(m => m.ValAccuracy);

        // On the GPU, reading the loss back each step would stall the queue: per-step figures go into
        // a small device buffer that is read every few steps; each step's loss is still checked.
        var syncEvery = job.Device.type == DeviceType.CPU ? 1 : 20;
        using var lossBuffer = zeros(syncEvery, ScalarType.Float64, job.Device);
        using var correctBuffer = zeros(syncEvery, ScalarType.Int64, job.Device);
        var runClock = Stopwatch.StartNew();
        var stepsDone = 0L;

        for (var epoch = startEpoch + 1; epoch <= settings.Epochs; epoch++)
        {
            manual_seed(Shuffle.EpochSeed(settings.Seed, epoch));
            var order = trainLoader.Order(shuffle: true, Shuffle.EpochSeed(settings.Seed, epoch));
            progress.EpochStarted(epoch, settings.Epochs, steps);
            model.train();
            var epochClock = Stopwatch.StartNew();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            var pendingFrom = 0;
            for (var step = 0; step < steps; step++)
            {
                using (var scope = NewDisposeScope())
                {
                    var (images, labels) = trainLoader.Batch(order, step, batchSize);
                    optimizer.zero_grad();
                    var logits = model.forward(images);
                    var loss = nn.functional.cross_entropy(logits, labels);
                    loss.backward();
                    optimizer.step();
                    var slot = step - pendingFrom;
                    lossBuffer[slot].copy_(loss.detach().mul(labels.shape[0]));
                    correctBuffer[slot].copy_(logits.detach().argmax(1).eq(labels).sum());
                }

                var stop = cancel.IsCancellationRequested;
                if (step - pendingFrom + 1 < syncEvery && step < steps - 1 && !stop)
                {
                    continue;
                }

                using (var scope = NewDisposeScope())
                {
                    var count = step - pendingFrom + 1;
                    var losses = lossBuffer.narrow(0, 0, count).cpu().data<double>().ToArray();
                    var hits = correctBuffer.narrow(0, 0, count).cpu().data<long>().ToArray();
                    for (var i = 0; i < count; i++)
                    {
                        var stepNumber = pendingFrom + i + 1;
                        var size = Math.Min(batchSize, trainLoader.Count - ((stepNumber - 1) * batchSize));
                        if (!double.IsFinite(losses[i]))
                        {
                            var what = double.IsNaN(losses[i]) ? "NaN" : "infinite";
                            return new TrainingResult(TrainingStatus.Diverged,
                                $"The loss became {what} at epoch {epoch}, step {stepNumber} of {steps}: training stopped. " + Kept(lastCheckpoint, epoch - 1) +
                                " Try a lower --lr, or check the data's normalization.", history, lastCheckpoint, bestCheckpoint);
                        }

                        lossSum += losses[i];
                        correct += hits[i];
                        seen += size;
                    }
                }

                stepsDone += step - pendingFrom + 1;
                pendingFrom = step + 1;
                var elapsed = epochClock.Elapsed.TotalSeconds;
                var perStep = runClock.Elapsed.TotalSeconds / stepsDone;
                var stepsLeft = (steps - (step + 1)) + ((long)(settings.Epochs - epoch) * steps);
                progress.StepCompleted(new StepProgress(epoch, settings.Epochs, step + 1, steps, lossSum / seen, (double)correct / seen,
                    seen / Math.Max(elapsed, 1e-9), TimeSpan.FromSeconds(perStep * stepsLeft)));
                if (stop)
                {
                    return new TrainingResult(TrainingStatus.Cancelled,
                        $"Stopped on request at epoch {epoch}, step {step + 1} of {steps}. " + Kept(lastCheckpoint, epoch - 1), history, lastCheckpoint, bestCheckpoint);
                }
            }

            var trainSeconds = epochClock.Elapsed.TotalSeconds;
            var (valLoss, predicted) = Evaluator.Predict(model, valLoader, batchSize);
            if (!double.IsFinite(valLoss))
            {
                return new TrainingResult(TrainingStatus.Diverged,
                    $"The validation loss after epoch {epoch} is {valLoss.ToString(CultureInfo.InvariantCulture)}: training stopped. " + Kept(lastCheckpoint, epoch - 1),
                    history, lastCheckpoint, bestCheckpoint);
            }

            var report = ClassificationReport.From(job.Validation.Labels, predicted, job.ClassNames, valLoss);
            var metrics = new EpochMetrics(epoch, lossSum / seen, (double)correct / seen, valLoss, report.Accuracy, seen / trainSeconds, epochClock.Elapsed.TotalSeconds);
            history.Add(metrics);

            var meta = new CheckpointMeta
            {
                ModelName = job.ModelName,
                Language = job.Language,
                SourceName = job.SourceName,
                ClassName = job.ClassName,
                InputShape = job.InputShape,
                Input = job.Input,
                ClassNames = job.ClassNames,
                Normalization = job.Normalization,
                DataKind = job.Train.Kind,
                DataPath = job.DataPath,
                GeneratedData = job.GeneratedData,
                Epoch = epoch,
                Settings = settings,
                Metrics = history.ToArray(),
            };
            CheckpointFile.Write(job.LastCheckpointPath, meta, job.ModelText, model, optimizer);
            lastCheckpoint = job.LastCheckpointPath;
            if (report.Accuracy > bestAccuracy)
            {
                bestAccuracy = report.Accuracy;
                CopyAtomically(job.LastCheckpointPath, job.BestCheckpointPath);
                bestCheckpoint = job.BestCheckpointPath;
            }

            MetricsFiles.Write(job.OutputFolder, job.ModelName, history);
            MetricsFiles.WriteConfusion(job.OutputFolder, report);
            TrainingCurves.Write(Path.Combine(job.OutputFolder, TrainingCurves.FileName), $"{job.ModelName}: training curves", history);
            ConfusionPlot.Write(Path.Combine(job.OutputFolder, ConfusionPlot.FileName), $"{job.ModelName}, validation, epoch {epoch}", report);
            progress.EpochCompleted(metrics, settings.Epochs);
        }

        var final = history[^1];
        return new TrainingResult(TrainingStatus.Completed,
            string.Create(CultureInfo.InvariantCulture, $"Trained {settings.Epochs} epoch(s): validation accuracy {final.ValAccuracy * 100:0.00}%, loss {final.ValLoss:0.0000}."),
            history, lastCheckpoint, bestCheckpoint);
    }

    private static string Kept(string? checkpoint, int epoch) => checkpoint is null
        ? "No checkpoint had been written yet."
        : $"The last good checkpoint (epoch {epoch}) is kept at {checkpoint}.";

    private static void CopyAtomically(string source, string destination) => AtomicFile.Write(destination, target =>
    {
        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        from.CopyTo(target);
    });
}
