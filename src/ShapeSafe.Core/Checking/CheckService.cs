using ShapeSafe.Dataflow;
using ShapeSafe.Diagnostics;
using ShapeSafe.IO;
using ShapeSafe.Inference;
using ShapeSafe.Python;
using ShapeSafe.Syntax;

namespace ShapeSafe.Checking;

/// <summary>
/// The one entry point the CLI and the C# API share for checking a file: picks the front-end by extension, runs it, and
/// returns a <see cref="FileCheck"/>. Pure: reads no file and prints nothing.
/// </summary>
public static class CheckService
{
    /// <summary><c>.py</c> files are PyTorch source; anything else is a model file.</summary>
    public static SourceLanguage LanguageOf(string path) =>
        path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) ? SourceLanguage.Python : SourceLanguage.ModelFile;

    public static FileCheck Check(string path, string text, CheckRequest? request = null)
    {
        request ??= new CheckRequest();
        text = Utf8Text.WithoutByteOrderMark(text);
        return LanguageOf(path) == SourceLanguage.Python ? CheckPython(path, text, request) : CheckModelFile(path, text, request);
    }

    /// <summary>
    /// The first safe fix of each diagnostic, applied to the file's text; null when there is none. The text keeps the
    /// file's line ends (\n or \r\n) and whether it ended with a newline.
    /// </summary>
    public static FixedText? ApplySafeFixes(FileCheck check)
    {
        var fixes = FixApplier.SafeFixes(check.Diagnostics);
        if (fixes.Count == 0)
        {
            return null;
        }

        var lines = FixApplier.Apply(check.Lines, fixes.SelectMany(f => f.Edits));
        var newline = check.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var text = string.Join(newline, lines);
        if (check.Text.EndsWith('\n') && !text.EndsWith('\n'))
        {
            text += newline;
        }

        return new FixedText(text, fixes);
    }

    private static FileCheck CheckPython(string path, string text, CheckRequest request)
    {
        var result = PythonChecker.Check(path, text, new PythonCheckOptions
        {
            ClassName = request.ClassName,
            Inputs = request.Inputs.Count > 0 ? request.Inputs : null,
        });
        return new FileCheck
        {
            Path = path,
            Language = SourceLanguage.Python,
            Text = text,
            Lines = result.Lines,
            Diagnostics = result.Diagnostics,
            Inputs = result.Inputs,
            Output = result.HasErrors ? null : result.OutputShape,
            Graph = result.Graph,
            TrainingGraph = result.TrainingGraph,
            TotalParameters = result.Graph?.Root.TotalParameters ?? 0,
            IsUsageError = result.IsUsageError,
            Python = result,
        };
    }

    private static FileCheck CheckModelFile(string path, string text, CheckRequest request)
    {
        var file = ModelFileParser.Parse(path, text);
        if (request.Inputs.Count > 1)
        {
            var usage = Diagnostic.Create(DiagnosticCatalog.InvalidInput, new SourceSpan(1, 1, 1),
                $"a model file has one input, but {request.Inputs.Count} input shapes were given");
            return new FileCheck { Path = path, Language = SourceLanguage.ModelFile, Text = text, Lines = file.Lines, Diagnostics = [usage], IsUsageError = true };
        }

        return ForModelFile(path, text, file.Lines, ShapeChecker.Check(file, request.Inputs.Count == 1 ? request.Inputs[0] : null));
    }

    /// <summary>
    /// A model file's check (<paramref name="result"/>, of the file whose text and lines are given) as the one
    /// <see cref="FileCheck"/> every consumer reads, with its dataflow graph: for a caller that checked the model file
    /// itself (at another input, say) and wants what <see cref="Check"/> returns.
    /// </summary>
    public static FileCheck ForModelFile(string path, string text, IReadOnlyList<string> lines, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FileCheck
        {
            Path = path,
            Language = SourceLanguage.ModelFile,
            Text = text,
            Lines = lines,
            Diagnostics = result.Diagnostics,
            Inputs = result.Input is { } input ? [input] : [],
            Output = result.Output,
            Graph = ModelFileGraph.Lower(result),
            TotalParameters = result.TotalParameters,
            ModelFile = result,
        };
    }
}
