namespace ShapeSafe.Onnx.Export;

/// <summary>
/// The keys of the metadata_props ShapeSafe writes into an exported model, each with a JSON value: what
/// <c>shapesafe predict</c> needs to preprocess images and name the classes without the checkpoint.
/// </summary>
public static class OnnxMetadataKeys
{
    /// <summary>The class names, a JSON array of strings (index = output position).</summary>
    public const string ClassNames = "shapesafe.class_names";

    /// <summary>The input normalization, a JSON object <c>{"mean": [...], "std": [...]}</c> (one value per channel).</summary>
    public const string Normalization = "shapesafe.normalization";

    /// <summary>The input shape without the batch, a JSON array <c>[C, H, W]</c>.</summary>
    public const string InputShape = "shapesafe.input_shape";

    /// <summary>The model's source: a JSON object <c>{"name": file name, "class": the nn.Module class or null}</c>.</summary>
    public const string Source = "shapesafe.source";

    /// <summary>The ShapeSafe metadata format version, a JSON number.</summary>
    public const string Version = "shapesafe.version";
}
