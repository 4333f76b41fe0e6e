using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Torch.Tracing;
using Spectre.Console;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// The text of <c>shapesafe trace</c>: one table row per submodule call (a reused module once per call),
/// the totals, then the diagnostics in the same form as <c>check</c>, and a one-line verdict.
/// </summary>
public static class TraceTextRenderer
{
    public static void Render(IAnsiConsole console, TraceResult result, string label)
    {
        var calls = result.Rows.GroupBy(r => r.Path).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var table = new Table().Border(TableBorder.Rounded).Title($"{label}  (input {result.Input})");
        table.AddColumn("#", c => c.RightAligned());
        table.AddColumn("Module");
        table.AddColumn("Type");
        table.AddColumn("Constructed as");
        table.AddColumn("Input shape");
        table.AddColumn("Output shape");
        table.AddColumn("Params", c => c.RightAligned());
        foreach (var row in result.Rows)
        {
            var style = row.Failed ? new Style(Color.Red) : Style.Plain;
            var name = calls[row.Path] > 1 || row.Call > 1 ? $"{row.Path} (call {row.Call})" : row.Path;
            table.AddRow(
                new Text(row.Index.ToString(CultureInfo.InvariantCulture), style),
                new Text(name, style),
                new Text(row.Type, style),
                new Text(row.Construction, style),
                new Text(row.InputShape?.ToString() ?? "-", style),
                new Text(row.Failed ? "error" : row.OutputShape?.ToString() ?? "-", style),
                new Text(Units.Count(row.Parameters), style));
        }

        console.Write(table);
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("Parameters", Units.Count(result.TotalParameters));
        grid.AddRow("Output", result.Output?.ToString() ?? "-");
        console.Write(grid);
        console.WriteLine();

        foreach (var diagnostic in result.Diagnostics)
        {
            DiagnosticTextRenderer.Render(console, label, [], diagnostic);
        }

        var warnings = result.Diagnostics.Count(d => d.Severity == Severity.Warning);
        var warningText = warnings > 0 ? $", {warnings} warning(s)" : string.Empty;
        if (result.Succeeded)
        {
            console.Write(new Text($"{label}: ok", new Style(Color.Green)));
            console.WriteLine($" (input {result.Input}, output {result.Output?.ToString() ?? "-"}, {Units.Count(result.TotalParameters)} parameters{warningText})");
        }
        else
        {
            var at = result.Failure?.Layer is { } layer ? $" at {layer.Name}" : string.Empty;
            console.Write(new Text($"{label}: failed{at}", new Style(Color.Red)));
            console.WriteLine(warningText);
        }
    }
}
