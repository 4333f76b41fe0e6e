using System.Globalization;
using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Data;

namespace ShapeSafe.Torch.Training;

/// <summary>
/// A PyTorch <c>.py</c> model checked against the data before any image is loaded or tensor made, as
/// <see cref="ModelPlan"/> does for model files: the input is N x C x H x W of the data (an IDX folder's size wins;
/// for an image folder the file's declared input, else the size make-data wrote), and the model's output must be
/// N x classes. Expected problems come back as the engine's diagnostics (lines of the .py file), never as exceptions.
/// </summary>
public sealed record PythonModelPlan(FileCheck Check, ImageSize? Input, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The Python checker's "no input shape" code.</summary>
    private const string NoInputCode = "SS0439";

    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>The input shape checked, as written in checkpoints (e.g. <c>Nx3x32x32</c>); null when there is none.</summary>
    public string? InputShape => Check.Inputs.Count == 1 ? Check.Inputs[0].ToString() : null;

    /// <summary>
    /// Checks <paramref name="text"/> (at <paramref name="path"/>, a <c>.py</c> file) for data of <paramref name="classNames"/>
    /// classes at <paramref name="dataPath"/>. <paramref name="dataSize"/>: the data's own image size (IDX), overriding
    /// the file's input; <paramref name="folderSize"/>: the size of an image folder's images when known (generated data),
    /// used when the file declares no input.
    /// </summary>
    public static PythonModelPlan For(string path, string text, string? className, ImageSize? dataSize, ImageSize? folderSize, IReadOnlyList<string> classNames, string dataPath)
    {
        FileCheck check;
        ImageSize? input;
        var diagnostics = new List<Diagnostic>();
        if (dataSize is not null)
        {
            check = CheckService.Check(path, text, new CheckRequest { Inputs = [dataSize.ToShape()], ClassName = className });
            input = dataSize;
        }
        else
        {
            check = CheckService.Check(path, text, new CheckRequest { ClassName = className });
            var declared = check.Inputs.Count == 1 ? check.Inputs[0] : null;
            if (declared is null && folderSize is not null && !HasClassProblem(check))
            {
                check = CheckService.Check(path, text, new CheckRequest { Inputs = [folderSize.ToShape()], ClassName = className });
                input = folderSize;
            }
            else
            {
                input = ImageSize.FromShape(declared);
                if (check.Inputs.Count > 1)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(1, 1, 1),
                        $"the model takes {check.Inputs.Count} inputs, but training feeds it one batch of images"));
                }
                else if (declared is not null && (input is null || declared.Rank != 4))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(1, 1, 1),
                        $"the input {declared} must be N x C x H x W with known C, H and W to train on the image folder {dataPath}: its images are resized to H x W"));
                    input = null;
                }
                else if (input is not null && input.Channels is not (1 or 3))
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(1, 1, 1),
                        $"the input has {input.Channels} channels, but images are read as 1 (grayscale) or 3 (RGB) channels"));
                    input = null;
                }
                else if (declared is null && !check.HasErrors)
                {
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(1, 1, 1),
                        $"the image folder {dataPath} does not say its image size: declare the input above the class, e.g. '# shapesafe: input Nx3x64x64'"));
                }
            }
        }

        var sizeNote = $"training reads the input size from the data, but the image folder {dataPath} does not say its image size (make-data's folders do): declare it in the file";
        diagnostics.InsertRange(0, check.Diagnostics.Select(d =>
            input is null && dataSize is null && d.Code == NoInputCode ? d with { Notes = [.. d.Notes, sizeNote] } : d));
        if (!check.HasErrors && input is not null)
        {
            diagnostics.AddRange(ClassCount(check, classNames, dataPath));
        }

        return new PythonModelPlan(check, input, diagnostics);
    }

    /// <summary>True when the check stopped on the choice of class, which a different input does not fix.</summary>
    private static bool HasClassProblem(FileCheck check) =>
        check.Diagnostics.Any(d => d.Code == "SS0437");

    /// <summary>The model's output against the data's classes: it must be N x classes.</summary>
    private static IEnumerable<Diagnostic> ClassCount(FileCheck check, IReadOnlyList<string> classNames, string dataPath)
    {
        var classes = classNames.Count;
        var origin = $"{dataPath} has {classes} classes ({Names(classNames)})";
        var returned = check.Graph?.Output;
        var producer = returned?.Inputs.Count > 0 ? returned.Inputs[0] : returned;
        var span = producer is { Span.IsNone: false } ? producer.Span : returned?.Span ?? new SourceSpan(1, 1, 1);
        var where = span.Line > 0 ? $"forward's result (line {span.Line})" : "forward's result";
        if (check.Output is not { } output)
        {
            yield return Diagnostic.Create(DiagnosticCatalog.ClassCountMismatch, span, "no single tensor", classes) with
            {
                MessageFormat = DiagnosticCatalog.ClassCountShapeMessage,
                Expected = new Fact($"N x {classes}", origin),
                Actual = new Fact("not one tensor", $"{where} is not one tensor"),
                Notes = ["return one tensor of class scores from forward"],
            };
        }
        else if (output.Rank != 2 || !output[1].IsKnown)
        {
            yield return Diagnostic.Create(DiagnosticCatalog.ClassCountMismatch, span, output, classes) with
            {
                MessageFormat = DiagnosticCatalog.ClassCountShapeMessage,
                Expected = new Fact($"N x {classes}", origin),
                Actual = new Fact(output.ToString(), $"{where} is {output}"),
                Notes = ["end the model with a flatten and an nn.Linear whose out_features is the number of classes"],
            };
        }
        else if (output[1].Value != classes)
        {
            yield return Diagnostic.Create(DiagnosticCatalog.ClassCountMismatch, span, output[1].Value, classes) with
            {
                Expected = new Fact(classes.ToString(CultureInfo.InvariantCulture), origin),
                Actual = new Fact(output[1].Value.ToString(CultureInfo.InvariantCulture), $"{where} is {output}"),
                Notes = [$"make the classifier output {classes} values, e.g. nn.Linear(..., {classes}), or train on data with {output[1].Value} classes"],
            };
        }
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $", ... {names[^1]}";
}
