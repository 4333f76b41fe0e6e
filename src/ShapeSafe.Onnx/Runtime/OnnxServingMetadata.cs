using System.Text.Json;
using ShapeSafe.Onnx.Export;

namespace ShapeSafe.Onnx.Runtime;

/// <summary>
/// What <c>shapesafe predict</c> needs from an exported model's metadata_props (<see cref="OnnxMetadataKeys"/>): the
/// class names, the per-channel normalization and the input C x H x W, exactly as the checkpoint held them.
/// </summary>
public sealed record OnnxServingMetadata(IReadOnlyList<string> ClassNames, IReadOnlyList<float> Mean, IReadOnlyList<float> Std, int Channels, int Height, int Width)
{
    /// <summary>Reads the metadata of <paramref name="model"/>; a missing or malformed key is an <see cref="OnnxModelException"/> naming it.</summary>
    public static OnnxServingMetadata Read(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = Parse<string[]>(model, OnnxMetadataKeys.ClassNames);
        var normalization = Parse<Dictionary<string, float[]>>(model, OnnxMetadataKeys.Normalization);
        var shape = Parse<int[]>(model, OnnxMetadataKeys.InputShape);
        if (names.Length == 0 || names.Any(n => n is null))
        {
            throw Bad(model, OnnxMetadataKeys.ClassNames, "names no classes");
        }

        if (shape.Length != 3 || shape[0] is not (1 or 3) || shape[1] <= 0 || shape[2] <= 0)
        {
            throw Bad(model, OnnxMetadataKeys.InputShape, $"is [{string.Join(", ", shape)}], not [C, H, W] with C 1 or 3 and positive sizes");
        }

        if (!normalization.TryGetValue("mean", out var mean) || !normalization.TryGetValue("std", out var std)
            || mean is null || std is null || mean.Length != shape[0] || std.Length != shape[0] || std.Any(s => !(s > 0) || !float.IsFinite(s)) || mean.Any(m => !float.IsFinite(m)))
        {
            throw Bad(model, OnnxMetadataKeys.Normalization, $"needs finite \"mean\" and positive \"std\" lists of {shape[0]} values");
        }

        return new OnnxServingMetadata(names, mean, std, shape[0], shape[1], shape[2]);
    }

    private static T Parse<T>(OnnxModel model, string key)
    {
        if (!model.Metadata.TryGetValue(key, out var text))
        {
            throw new OnnxModelException($"{model.Path}: has no '{key}' metadata; predict needs a model written by shapesafe export --to onnx (shapesafe run works on any float32 model)");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text) ?? throw Bad(model, key, "is null");
        }
        catch (JsonException)
        {
            throw Bad(model, key, $"is not valid: {text}");
        }
    }

    private static OnnxModelException Bad(OnnxModel model, string key, string problem) => new($"{model.Path}: its '{key}' metadata {problem}");
}
