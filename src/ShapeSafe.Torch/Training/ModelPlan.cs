using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Data;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// A model file checked against the data before any image is loaded or tensor made: the input
/// size (the data's C x H x W for IDX data, overriding the file's input line; the file's own for
/// an image folder, which the images are resized to) and the number of classes against the last
/// layer's output size. Expected problems come back as diagnostics, never as exceptions.
/// </summary>
public sealed record ModelPlan(CheckResult Check, ImageSize? Input, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>
    /// Checks <paramref name="file"/> for data of <paramref name="classNames"/> classes at
    /// <paramref name="dataPath"/>. <paramref name="dataSize"/> is the data's own image size (IDX);
    /// null means the model's declared input decides it (image folders).
    /// </summary>
    public static ModelPlan For(ModelFile file, ImageSize? dataSize, IReadOnlyList<string> classNames, string dataPath)
    {
        var check = ShapeChecker.Check(file, dataSize?.ToShape());
        var diagnostics = new List<Diagnostic>(check.Diagnostics);
        var input = dataSize;
        if (dataSize is null && file.Input is { } declared)
        {
            input = ImageSize.FromShape(declared.Shape);
            if (input is null || declared.Shape.Rank != 4)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, declared.ShapeSpan,
                    $"the input {declared.Shape} must be N x C x H x W with known C, H and W to train on the image folder {dataPath}: its images are resized to H x W"));
                input = null;
            }
            else if (input.Channels is not (1 or 3))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, declared.ShapeSpan,
                    $"the input has {input.Channels} channels, but images are read as 1 (grayscale) or 3 (RGB) channels"));
                input = null;
            }
        }

        if (!check.HasErrors && check.Layers.Count > 0)
        {
            var last = check.Layers[^1];
            var output = check.Output!;
            var classes = classNames.Count;
            var origin = $"{dataPath} has {classes} classes ({Names(classNames)})";
            var layer = new LayerRef(last.Call.Line, last.Name, last.Type);
            if (output.Rank != 2 || !output[1].IsKnown)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ClassCountMismatch, last.Call.CallSpan, output, classes) with
                {
                    MessageFormat = DiagnosticCatalog.ClassCountShapeMessage,
                    Layer = layer,
                    Expected = new Fact($"N x {classes}", origin),
                    Actual = new Fact(output.ToString(), $"{last.Name} (line {last.Call.Line}) produces {output}"),
                    Notes = ["end the model with a Flatten and a Linear layer whose out_features is the number of classes"],
                });
            }
            else if (output[1].Value != classes)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ClassCountMismatch, last.Call.CallSpan, output[1].Value, classes) with
                {
                    Layer = layer,
                    Expected = new Fact(classes.ToString(CultureInfo.InvariantCulture), origin),
                    Actual = new Fact(output[1].Value.ToString(CultureInfo.InvariantCulture), $"{last.Name} (line {last.Call.Line}) outputs {output}"),
                    Notes = [$"make the last layer output {classes} values, e.g. Linear(..., {classes}), or train on data with {output[1].Value} classes"],
                });
            }
        }

        return new ModelPlan(check, input, diagnostics);
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $", ... {names[^1]}";
}
