using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Torch.Inference;

/// <summary>
/// Measures a checkpoint on a test set prepared as in training. The test images are read (and checked
/// against the checkpoint's size and classes) before any device is started. Problems throw
/// <see cref="DataException"/>, <see cref="CheckpointException"/> or <see cref="Native.DeviceUnavailableException"/>.
/// </summary>
public static class EvaluationService
{
    /// <summary>Evaluates; <paramref name="log"/> gets the line saying which data set a name (fashion-mnist) chose.</summary>
    public static EvaluationResult Evaluate(EvaluationRequest request, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BatchSize, 1, nameof(request.BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.BatchSize, TrainingSettings.MaxBatchSize, nameof(request.BatchSize));
        var dataPath = NamedDatasets.Resolve(request.DataPath, log ?? TextWriter.Null, request.GeneratedRoot);
        var checkpoint = CheckpointFile.Read(request.CheckpointPath);
        var test = LoadTestSet(dataPath, checkpoint.Meta);
        using var model = LoadedModel.Load(checkpoint, request.Device);
        using var loader = new BatchLoader(test, checkpoint.Meta.Normalization, model.Device);
        var report = Evaluator.Evaluate(model.Module, loader, request.BatchSize);
        return new EvaluationResult(request.CheckpointPath, dataPath, checkpoint.Meta, report);
    }

    /// <summary>The test images: an IDX folder's t10k split, or an image folder with the checkpoint's classes, at the checkpoint's size.</summary>
    public static ImageSet LoadTestSet(string dataPath, CheckpointMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (IdxDataset.IsIdxFolder(dataPath))
        {
            var set = IdxDataset.Load(dataPath, DataSplit.Test);
            if (ImageSize.Of(set) != meta.Input || !set.ClassNames.SequenceEqual(meta.ClassNames))
            {
                throw new DataException(dataPath, $"holds {ImageSize.Of(set)} images of {set.ClassCount} classes, but the model was trained on {meta.Input} images of {meta.ClassNames.Count} classes");
            }

            return set;
        }

        return ImageFolderDataset.Load(dataPath, meta.Input.Channels, meta.Input.Height, meta.Input.Width, expectedClasses: meta.ClassNames);
    }
}
