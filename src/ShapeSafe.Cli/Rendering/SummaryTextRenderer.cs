using System.Globalization;
using ShapeSafe.Inference;
using ShapeSafe.Shapes;
using Spectre.Console;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The per-layer table of <c>shapesafe summary</c>: line, name, type, output shape, parameters,
/// multiply-adds, activation memory and receptive field, then the totals.
/// </summary>
public static class SummaryTextRenderer
{
    public static void Render(IAnsiConsole console, CheckResult result)
    {
        var batch = result.Batch;
        var table = new Table().Border(TableBorder.Rounded).Title($"{result.File.Path}  (input {result.Input?.ToString() ?? "?"})");
        table.AddColumn("Line", c => c.RightAligned());
        table.AddColumn("Name");
        table.AddColumn("Type");
        table.AddColumn("Output shape");
        table.AddColumn("Params", c => c.RightAligned());
        table.AddColumn("Mult-adds", c => c.RightAligned());
        table.AddColumn(batch is null ? "Activations/sample" : "Activations", c => c.RightAligned());
        table.AddColumn("Receptive field", c => c.RightAligned());

        foreach (var layer in result.Layers)
        {
            var failed = layer.Outcome?.Failed == true || layer.Outcome is null;
            var shape = layer.Output?.ToString() ?? (layer.AssumedOutput is { } assumed ? $"({assumed})?" : "-");
            var activation = Units.Megabytes(TensorLimits.TimesOrNull(TensorLimits.TimesOrNull(layer.OutputElementsPerSample, TensorLimits.ElementBytes), batch ?? 1));
            var field = layer.ReceptiveField is { } rf ? string.Join("x", rf.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture))) : string.Empty;
            var style = failed ? new Style(Color.Red) : Style.Plain;
            table.AddRow(
                new Text(layer.Call.Line.ToString(CultureInfo.InvariantCulture), style),
                new Text(layer.Name, style),
                new Text(layer.Entry?.Type ?? layer.Type, style),
                new Text(failed ? "error" : shape, style),
                new Text(Units.Count(layer.Parameters)),
                new Text(Units.Count(layer.MultiplyAdds)),
                new Text(activation),
                new Text(field));
        }

        console.Write(table);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("Parameters", Units.Count(result.TotalParameters));
        grid.AddRow("Parameter memory (fp32)", Units.Megabytes(result.ParameterBytes));
        grid.AddRow("Mult-adds per sample", Units.Count(result.TotalMultiplyAdds));
        grid.AddRow(batch is null ? "Forward+backward activations per sample" : $"Forward+backward activations (batch {batch})",
            Units.Megabytes(result.ForwardBackwardActivationBytes));
        grid.AddRow("Output", result.Output?.ToString() ?? "-");
        console.Write(grid);
        console.WriteLine();
    }
}
