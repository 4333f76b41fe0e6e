using System.CommandLine;
using ShapeSafe.Checking;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Diagnostics;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Explain;
using ShapeSafe.Shapes;
using Spectre.Console;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe explain ["MESSAGE" | -] [--model FILE|FILE.py] [--class NAME] [--input SHAPE]... [--format text|json]</c>: explains a raw
/// PyTorch/TorchSharp shape error (read from stdin when MESSAGE is <c>-</c> or absent) and, with a model file,
/// names the layer it is about and the edit that fixes it. Exit 0 explained, 1 not recognized, 2 usage error.
/// </summary>
public static class ExplainCommand
{
    public static Command Create() => Create(null, null);

    /// <summary>The command writing text to <paramref name="console"/> (else a console on the invocation's output) and reading stdin from <paramref name="stdin"/> (else the process's).</summary>
    public static Command Create(IAnsiConsole? console, TextReader? stdin)
    {
        var message = new Argument<string?>("message")
        {
            Description = "The error message (quote it), or - to read it from stdin; read from stdin when omitted",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var model = new Option<string?>("--model") { Description = "Model file or PyTorch source (.py): name the layer the message is about, with the check's fix" };
        var input = SharedOptions.Inputs();
        var className = SharedOptions.Class();
        var format = SharedOptions.Format();
        var command = new Command("explain", "Explain a raw PyTorch/TorchSharp shape error message: what each number means, the likely cause, and the fix")
        {
            message, model, input, className, format,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var request = new CheckRequest { Inputs = SharedOptions.ParseInputs(parse.GetValue(input)), ClassName = parse.GetValue(className) };
                return Run(parse.GetValue(message), parse.GetValue(model), request, parse.GetValue(format)!, output, console ?? Terminal.For(output), stdin);
            }
            catch (UsageException e)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static int Run(string? message, string? modelPath, CheckRequest request, string format, TextWriter output, IAnsiConsole console, TextReader? stdin)
    {
        var text = message is null or "-" ? ReadStdin(stdin) : message;
        var file = modelPath is null ? null : CheckService.Check(modelPath, ModelFileReader.ReadText(modelPath), request);
        if (file is { IsUsageError: true })
        {
            var reason = file.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error)?.Message ?? "it cannot be checked";
            throw new UsageException($"{modelPath}: {reason}");
        }

        var batch = FirstKnown(request.Inputs.Count > 0 ? request.Inputs[0] : null) ?? FirstKnown(file is { Inputs.Count: > 0 } f ? f.Inputs[0] : null);
        var result = MessageExplainer.Explain(text, new ExplainContext(batch));
        if (result.Explanation is { } explanation && file is not null)
        {
            result = ExplainResult.Of(ModelMatcher.Attach(explanation, file));
        }

        if (format == "json")
        {
            output.WriteLine(ExplainJson.Write(result));
        }
        else if (result.Explanation is { } e)
        {
            ExplainTextRenderer.Render(console, e, file?.Lines);
        }
        else
        {
            ExplainTextRenderer.RenderNotRecognized(console, result);
        }

        return result.Recognized ? ExitCodes.Ok : ExitCodes.Findings;
    }

    private static string ReadStdin(TextReader? stdin)
    {
        if (stdin is null && !Console.IsInputRedirected)
        {
            throw new UsageException("no message: pass it as an argument (quoted), or pipe it in: ... 2>&1 | shapesafe explain -");
        }

        var reader = stdin ?? Console.In;
        var buffer = new char[ErrorText.MaxChars];
        var total = 0;
        try
        {
            int read;
            while (total < buffer.Length && (read = reader.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
        }
        catch (IOException e)
        {
            throw new UsageException($"stdin cannot be read ({e.Message})");
        }

        return new string(buffer, 0, total);
    }

    private static long? FirstKnown(Shape? shape) => shape is { Rank: > 0 } s && s[0].IsKnown ? s[0].Value : null;
}
