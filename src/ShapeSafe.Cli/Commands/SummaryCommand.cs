using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Checking;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe summary FILE [--class NAME] [--input SHAPE]... [--format text|json]</c>: a table per layer (shape,
/// parameters, multiply-adds, activation memory, receptive field) and totals; for a .py file, the module tree with
/// PyTorch's qualified names, each module's output and its parameters, shared modules counted once.
/// </summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Model file or PyTorch source file (.py)" };
        var input = SharedOptions.Inputs();
        var className = SharedOptions.Class();
        var format = SharedOptions.Format();
        var command = new Command("summary", "Print each layer's output shape, parameters, multiply-adds, memory and receptive field (a module tree for .py files)")
        {
            file, input, className, format,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var request = new CheckRequest { Inputs = SharedOptions.ParseInputs(parse.GetValue(input)), ClassName = parse.GetValue(className) };
            var result = CheckService.Check(path, ModelFileReader.ReadText(path), request);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonReport.Write([result]));
            }
            else
            {
                var console = Terminal.For(output);
                if (result.ModelFile is { } modelFile)
                {
                    SummaryTextRenderer.Render(console, modelFile);
                }
                else
                {
                    ModuleTreeRenderer.Render(console, result);
                }

                CheckCommand.RenderText(console, result);
            }

            return result.IsUsageError ? ExitCodes.Usage : result.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }
}
