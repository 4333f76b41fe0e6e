using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using Spectre.Console;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe check FILE... [--input SHAPE] [--format text|json|sarif] [--fix]</c>: checks model files with
/// the shape engine alone (TorchSharp is never loaded). Exit 0 clean, 1 any error, 2 usage error.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Model files to check", Arity = ArgumentArity.OneOrMore };
        var input = SharedOptions.Input();
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, json, or sarif (SARIF 2.1.0, for CI code-scanning views)",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json", "sarif");
        var fix = new Option<bool>("--fix") { Description = "Apply the fixes marked safe to the files (written in place, atomically)" };
        var command = new Command("check", "Check model files for shape errors and print each with the edit that fixes it") { files, input, format, fix };
        command.SetAction(parse => Run(
            parse.GetValue(files)!,
            SharedOptions.ParseInput(parse.GetValue(input)),
            parse.GetValue(format)!,
            parse.GetValue(fix),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, ShapeSafe.Shapes.Shape? input, string format, bool applyFixes, TextWriter output, TextWriter error)
    {
        var results = new List<CheckResult>();
        var usageFailure = false;
        foreach (var path in paths)
        {
            try
            {
                results.Add(ShapeChecker.Check(ModelFileReader.Read(path), input));
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
                ApplySafeFixes(result, error);
            }
        }

        return usageFailure ? ExitCodes.Usage : results.Any(r => r.HasErrors) ? ExitCodes.Findings : ExitCodes.Ok;
    }

    internal static void RenderText(IAnsiConsole console, CheckResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            DiagnosticTextRenderer.Render(console, result.File.Path, result.File.Lines, diagnostic);
        }

        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = result.Diagnostics.Count(d => d.Severity == Severity.Warning);
        if (errors == 0)
        {
            console.Write(new Text($"{result.File.Path}: ok", new Style(Color.Green)));
            console.WriteLine($" (input {result.Input}, output {result.Output}, {Units.Count(result.TotalParameters)} parameters{(warnings > 0 ? $", {warnings} warning(s)" : string.Empty)})");
        }
        else
        {
            console.Write(new Text($"{result.File.Path}: {errors} error(s)", new Style(Color.Red)));
            console.WriteLine(warnings > 0 ? $", {warnings} warning(s)" : string.Empty);
        }
    }

    private static void ApplySafeFixes(CheckResult result, TextWriter error)
    {
        var fixes = FixApplier.SafeFixes(result.Diagnostics);
        if (fixes.Count == 0)
        {
            return;
        }

        var lines = FixApplier.Apply(result.File.Lines, fixes.SelectMany(f => f.Edits));
        var temp = result.File.Path + ".shapesafe-tmp";
        File.WriteAllText(temp, string.Join("\n", lines));
        File.Move(temp, result.File.Path, overwrite: true);
        error.WriteLine($"{result.File.Path}: applied {fixes.Count} fix(es): {string.Join("; ", fixes.Select(f => f.Description))}");
    }
}
