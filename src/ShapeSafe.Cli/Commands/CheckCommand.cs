using System.CommandLine;
using ShapeSafe.Checking;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using Spectre.Console;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe check FILE... [--class NAME] [--input SHAPE]... [--format text|json|sarif] [--fix]</c>: checks model
/// files and PyTorch source (<c>.py</c>) with the shape engine alone (TorchSharp is never loaded, no Python code runs).
/// Exit 0 clean, 1 any error, 2 usage error.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Model files or PyTorch source files (.py) to check", Arity = ArgumentArity.OneOrMore };
        var input = SharedOptions.Inputs();
        var className = SharedOptions.Class();
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, json, or sarif (SARIF 2.1.0, for CI code-scanning views)",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json", "sarif");
        var fix = new Option<bool>("--fix") { Description = "Apply the fixes marked safe to the files (written in place, atomically)" };
        var command = new Command("check", "Check model files and PyTorch source for shape errors and print each with the edit that fixes it")
        {
            files, input, className, format, fix,
        };
        command.SetAction(parse => Run(
            parse.GetValue(files)!,
            new CheckRequest { Inputs = SharedOptions.ParseInputs(parse.GetValue(input)), ClassName = parse.GetValue(className) },
            parse.GetValue(format)!,
            parse.GetValue(fix),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, CheckRequest request, string format, bool applyFixes, TextWriter output, TextWriter error)
    {
        var results = new List<FileCheck>();
        var usageFailure = false;
        foreach (var path in paths)
        {
            try
            {
                results.Add(CheckService.Check(path, ModelFileReader.ReadText(path), request));
            }
            catch (UsageException e)
            {
                error.WriteLine($"error: {e.Message}");
                usageFailure = true;
            }
        }

        if (format == "json")
        {
            output.WriteLine(JsonReport.Write(results));
        }
        else if (format == "sarif")
        {
            output.WriteLine(SarifReport.Write(results));
        }
        else
        {
            var console = Terminal.For(output);
            foreach (var result in results)
            {
                RenderText(console, result);
            }

            if (results.Count > 1)
            {
                var errors = results.Sum(r => r.Diagnostics.Count(d => d.Severity == Severity.Error));
                console.WriteLine($"{results.Count} files checked, {results.Count(r => r.HasErrors)} with errors ({errors} errors in all)");
            }
        }

        if (applyFixes)
        {
            foreach (var result in results.Where(r => r.Diagnostics.Count > 0))
            {
                usageFailure |= !ApplySafeFixes(result, error);
            }
        }

        usageFailure |= results.Any(r => r.IsUsageError);
        return usageFailure ? ExitCodes.Usage : results.Any(r => r.HasErrors) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    internal static void RenderText(IAnsiConsole console, FileCheck result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            DiagnosticTextRenderer.Render(console, result.Path, result.Lines, diagnostic);
        }

        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == Severity.Warning);
        var notes = result.Diagnostics.Count(d => d.Severity == Severity.Info);
        var tail = (warnings > 0 ? $", {warnings} warning(s)" : string.Empty) + (notes > 0 ? $", {notes} note(s)" : string.Empty);
        if (result.IsUsageError)
        {
            console.Write(new Text($"{result.Path}: not checked", new Style(Color.Red)));
            console.WriteLine(" (see the error above)");
        }
        else if (errors == 0)
        {
            var model = result.Python?.ClassName is { } cls ? $"class {cls}, " : string.Empty;
            var inputs = result.Inputs.Count == 0 ? "none" : string.Join(", ", result.Inputs);
            var outputText = result.Output?.ToString() ?? (result.Python?.Output is { } value ? value.ToString() : "unknown");
            console.Write(new Text($"{result.Path}: ok", new Style(Color.Green)));
            console.WriteLine($" ({model}input {inputs}, output {outputText}, {Units.Count(result.TotalParameters)} parameters{tail})");
        }
        else
        {
            console.Write(new Text($"{result.Path}: {errors} error(s)", new Style(Color.Red)));
            console.WriteLine(tail);
        }
    }

    /// <summary>Writes the safe fixes into the file, atomically; false (with a message) when the file could not be written.</summary>
    private static bool ApplySafeFixes(FileCheck result, TextWriter error)
    {
        if (CheckService.ApplySafeFixes(result) is not { } fixedText)
        {
            return true;
        }

        try
        {
            // The parsers never see a byte-order mark; the rewritten file keeps the one it had.
            var text = ShapeSafe.IO.Utf8Text.FileStartsWithByteOrderMark(result.Path) ? ShapeSafe.IO.Utf8Text.ByteOrderMark + fixedText.Text : fixedText.Text;
            ShapeSafe.IO.AtomicFile.WriteAllText(result.Path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {result.Path}: the fixes could not be written ({e.Message})");
            return false;
        }

        error.WriteLine($"{result.Path}: applied {fixedText.Applied.Count} fix(es): {string.Join("; ", fixedText.Applied.Select(f => f.Description))}");
        return true;
    }
}
