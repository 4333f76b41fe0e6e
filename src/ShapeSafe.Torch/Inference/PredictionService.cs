using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Data;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Inference;

/// <summary>
/// Classifies images with a checkpoint: each image is decoded, resized, converted to the model's
/// channels and normalized exactly as in training, and the softmax's top k are kept. Problems throw
/// <see cref="DataException"/> (an image), <see cref="CheckpointException"/> or
/// <see cref="Native.DeviceUnavailableException"/>; the images are read before any device is started.
/// </summary>
public static class PredictionService
{
    public static PredictionResult Predict(PredictionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Top, 1, nameof(request.Top));
        if (request.ImagePaths.Count == 0)
        {
            throw new ArgumentException("at least one image is needed", nameof(request));
        }

        var checkpoint = CheckpointFile.Read(request.CheckpointPath);
        var size = checkpoint.Meta.Input;
        var pixels = new byte[request.ImagePaths.Count * size.Elements];
        for (var i = 0; i < request.ImagePaths.Count; i++)
        {
            ImageDecoder.Decode(request.ImagePaths[i], size.Channels, size.Height, size.Width, pixels.AsSpan(i * size.Elements, size.Elements));
        }

        using var model = LoadedModel.Load(checkpoint, request.Device);
        var predictions = Predict(model, pixels, request.ImagePaths, Math.Min(request.Top, checkpoint.Meta.ClassNames.Count));
        return new PredictionResult(request.CheckpointPath, checkpoint.Meta, predictions);
    }

    /// <summary>The top <paramref name="k"/> classes of each image in <paramref name="pixels"/> (bytes, N x C x H x W at the model's size).</summary>
    public static IReadOnlyList<ImagePrediction> Predict(LoadedModel model, byte[] pixels, IReadOnlyList<string> names, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        var meta = model.Meta;
        var size = meta.Input;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batch = BatchLoader.Normalize(pixels, names.Count, size.Channels, size.Height, size.Width, meta.Normalization, model.Device);
        var probabilities = nn.functional.softmax(model.Module.forward(batch), 1);
        var (values, indices) = probabilities.topk(k, dim: 1);
        var p = values.cpu().data<float>().ToArray();
        var ix = indices.cpu().data<long>().ToArray();
        var result = new List<ImagePrediction>(names.Count);
        for (var n = 0; n < names.Count; n++)
        {
            var guesses = new List<ClassGuess>(k);
            for (var j = 0; j < k; j++)
            {
                var index = (int)ix[(n * k) + j];
                guesses.Add(new ClassGuess(meta.ClassNames[index], index, p[(n * k) + j]));
            }

            result.Add(new ImagePrediction(names[n], guesses));
        }

        return result;
    }
}
