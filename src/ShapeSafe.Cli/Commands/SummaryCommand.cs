using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Inference;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe summary FILE [--input SHAPE] [--format text|json]</c>: a table per layer (shape,
/// parameters, multiply-adds, activation memory, receptive field) and totals.
/// </summary>
public static class SummaryCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Model file" };
        var input = SharedOptions.Input();
        var format = SharedOptions.Format();
        var command = new Command("summary", "Print each layer's output shape, parameters, multiply-adds, memory and receptive field") { file, input, format };
        command.SetAction(parse =>
        {
            var result = ShapeChecker.Check(ModelFileReader.Read(parse.GetValue(file)!), SharedOptions.ParseInput(parse.GetValue(input)));
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(JsonReport.Write([result]));
            }
            else
            {
                var console = Terminal.For(output);
                SummaryTextRenderer.Render(console, result);
                CheckCommand.RenderText(console, result);
            }

            return result.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }
}
