using ShapeSafe.Imaging;

namespace ShapeSafe.Onnx.Runtime;

/// <summary>
/// Classifies images with an exported ONNX model on ONNX Runtime, without TorchSharp: each image is decoded, resized,
/// converted and normalized by the same code and with the same metadata as the TorchSharp predict
/// (<see cref="ImageReader"/>, <see cref="PixelNormalizer"/>), and the softmax's top k are kept. Problems throw
/// <see cref="ImageException"/> or <see cref="OnnxModelException"/>; the images are read before the model is run.
/// </summary>
public static class OnnxPredictionService
{
    /// <summary>The top <paramref name="top"/> classes of each of <paramref name="imagePaths"/> under the model at <paramref name="modelPath"/>.</summary>
    public static OnnxPredictionResult Predict(string modelPath, IReadOnlyList<string> imagePaths, int top)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (imagePaths.Count == 0)
        {
            throw new ArgumentException("at least one image is needed", nameof(imagePaths));
        }

        using var model = OnnxModel.Load(modelPath);
        var meta = OnnxServingMetadata.Read(model);
        var elements = meta.Channels * meta.Height * meta.Width;
        var pixels = new byte[imagePaths.Count * elements];
        for (var i = 0; i < imagePaths.Count; i++)
        {
            ImageReader.Decode(imagePaths[i], meta.Channels, meta.Height, meta.Width, pixels.AsSpan(i * elements, elements));
        }

        var input = PixelNormalizer.Normalize(pixels, imagePaths.Count, meta.Mean, meta.Std);
        var output = model.Run(input, [imagePaths.Count, meta.Channels, meta.Height, meta.Width]);
        var classes = meta.ClassNames.Count;
        if (output.Shape.Length != 2 || output.Shape[0] != imagePaths.Count || output.Shape[1] != classes)
        {
            throw new OnnxModelException($"{modelPath}: the output has shape {string.Join("x", output.Shape)}, but {imagePaths.Count} images of {classes} classes need {imagePaths.Count}x{classes}");
        }

        var k = Math.Min(top, classes);
        var predictions = new List<OnnxImagePrediction>(imagePaths.Count);
        for (var n = 0; n < imagePaths.Count; n++)
        {
            var probabilities = Softmax(output.Data.AsSpan(n * classes, classes));
            var order = Enumerable.Range(0, classes).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(k);
            predictions.Add(new OnnxImagePrediction(imagePaths[n], [.. order.Select(i => new OnnxClassGuess(meta.ClassNames[i], i, probabilities[i]))]));
        }

        return new OnnxPredictionResult(modelPath, meta, predictions);
    }

    /// <summary>The softmax of <paramref name="logits"/> (max subtracted first, summed in double), as float32 values like TorchSharp's.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var exps = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            exps[i] = Math.Exp(logits[i] - (double)max);
            sum += exps[i];
        }

        var result = new float[logits.Length];
        for (var i = 0; i < logits.Length; i++)
        {
            result[i] = (float)(exps[i] / sum);
        }

        return result;
    }
}
