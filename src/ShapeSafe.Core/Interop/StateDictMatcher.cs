using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;

namespace ShapeSafe.Interop;

/// <summary>
/// Matches a weights file's index against a model's state_dict before anything is loaded, as PyTorch's
/// <c>load_state_dict(strict=True)</c> does, but as diagnostics on the model file: every missing key (SS0230),
/// unexpected key (SS0231) and shape mismatch (SS0232) names the key, the layer, its line, and for a mismatch
/// the constructor arguments that would take the file's tensor.
/// </summary>
public static class StateDictMatcher
{
    public static IReadOnlyList<Diagnostic> Match(CheckResult check, IReadOnlyList<ExpectedTensor> expected, IReadOnlyList<WeightsEntry> found, string weightsName)
    {
        var diagnostics = new List<Diagnostic>();
        var inFile = new Dictionary<string, WeightsEntry>(StringComparer.Ordinal);
        foreach (var entry in found)
        {
            inFile.TryAdd(entry.Key, entry);
        }

        var inModel = expected.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in expected)
        {
            var (layerName, tensorName) = Split(tensor.Key);
            var layer = LayerNamed(check, layerName);
            if (!inFile.TryGetValue(tensor.Key, out var entry))
            {
                diagnostics.Add(At(DiagnosticCatalog.WeightsMissingKey, layer,
                    tensor.Key, weightsName, layerName, layer?.Call.Line ?? 0, TensorDTypes.FormatShape(tensor.Shape)));
                continue;
            }

            if (!entry.Shape.SequenceEqual(tensor.Shape))
            {
                var arguments = layer is null ? null : ParameterSizes.ArgumentsFor(layer.Type, layer.Args, tensorName, entry.Shape, tensor.Shape);
                var fix = arguments is null
                    ? new MessagePart(DiagnosticCatalog.BuildFor, [tensorName, TensorDTypes.FormatShape(entry.Shape)])
                    : new MessagePart(DiagnosticCatalog.BuildWith, [arguments]);
                var diagnostic = At(DiagnosticCatalog.WeightsSizeMismatch, layer,
                    tensor.Key, TensorDTypes.FormatShape(entry.Shape), TensorDTypes.FormatShape(tensor.Shape), layerName, layer?.Call.Line ?? 0, fix);
                var notes = InferredNotes(check, layer, arguments);
                diagnostics.Add(notes.Count == 0 ? diagnostic : diagnostic with { Notes = notes });
            }
        }

        foreach (var entry in found.Where(e => !inModel.Contains(e.Key)))
        {
            var (layerName, tensorName) = Split(entry.Key);
            var layer = LayerNamed(check, layerName);
            var why = layer is null
                ? new MessagePart(DiagnosticCatalog.NoSuchLayer, [layerName])
                : new MessagePart(DiagnosticCatalog.NoSuchTensor, [layerName, layer.Call.Line, tensorName]);
            diagnostics.Add(At(DiagnosticCatalog.WeightsUnexpectedKey, layer, entry.Key, weightsName, TensorDTypes.FormatShape(entry.Shape), why));
        }

        return diagnostics;
    }

    /// <summary>The layer defined under a name (its first line, where a reused layer's weights live).</summary>
    public static LayerTrace? LayerNamed(CheckResult check, string name) =>
        check.Layers.FirstOrDefault(l => l.Call.ReusedFrom is null && l.Name == name);

    private static (string Layer, string Tensor) Split(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot < 0 ? (key, key) : (key[..dot], key[(dot + 1)..]);
    }

    private static List<string> InferredNotes(CheckResult check, LayerTrace? layer, string? arguments)
    {
        var notes = new List<string>();
        if (layer?.Outcome is not { } outcome || arguments is null)
        {
            return notes;
        }

        foreach (var (name, value) in outcome.Inferred)
        {
            if (arguments.Contains(name + "=", StringComparison.Ordinal))
            {
                notes.Add($"{name}={value} is inferred from the input {check.Input}: the weights were made for another input size; change the input line, or write {name} explicitly");
            }
        }

        return notes;
    }

    private static Diagnostic At(DiagnosticDescriptor descriptor, LayerTrace? layer, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, layer?.Call.CallSpan ?? Syntax.SourceSpan.None, args);
        return layer is null ? diagnostic : diagnostic with { Layer = new LayerRef(layer.Call.Line, layer.Name, layer.Type) };
    }
}
