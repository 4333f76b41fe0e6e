using ShapeSafe.Explain;
using Spectre.Console;

namespace ShapeSafe.Cli.Rendering;

/// <summary>
/// Renders an explanation as text: the problem and its kind, the message line, the summary, each number with
/// its meaning, the cause, numbered fixes, factor hints, notes, and, with a model file, the matching layers
/// with the check's diagnostics (rendered as <c>shapesafe check</c> renders them).
/// </summary>
public static class ExplainTextRenderer
{
    public static void Render(IAnsiConsole console, Explanation e, IReadOnlyList<string>? modelLines)
    {
        var bold = new Style(decoration: Decoration.Bold);
        var dim = new Style(Color.Grey);
        console.Write(new Text("explained", new Style(Color.Green, decoration: Decoration.Bold)));
        console.Write(new Text($" [{e.Kind}]: {e.Title}\n", bold));
        console.Write(new Text($"  message: {e.MatchedLine}\n\n", dim));
        console.Write(new Text(e.Summary + "\n\n"));

        if (e.Numbers.Count > 0 || e.Shapes.Count > 0)
        {
            Heading(console, "numbers");
            var width = e.Numbers.Select(n => n.Name.Length).Concat(e.Shapes.Select(s => s.Name.Length)).Max();
            var valueWidth = e.Numbers.Select(n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)
                .Concat(e.Shapes.Select(s => s.Text.Length)).Max();
            foreach (var n in e.Numbers)
            {
                Row(console, n.Name, n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Meaning, width, valueWidth);
            }

            foreach (var s in e.Shapes)
            {
                Row(console, s.Name, s.Text, s.Meaning, width, valueWidth);
            }

            console.WriteLine();
        }

        Heading(console, "cause");
        console.Write(new Text($"  {e.Cause}\n\n"));

        Heading(console, "fixes");
        for (var i = 0; i < e.Fixes.Count; i++)
        {
            console.Write(new Text($"  {i + 1}. ", new Style(Color.Green)));
            console.Write(new Text(e.Fixes[i] + "\n"));
        }

        console.WriteLine();
        if (e.FactorHints is { } hints)
        {
            Heading(console, "factor hints");
            console.Write(new Text($"  {hints}", new Style(Color.Yellow)));
            console.Write(new Text(hints.Candidates.Count > 0 ? " (channels x height x width, square maps)\n\n" : " (no plausible channels x height x width with square maps)\n\n", dim));
        }

        if (e.Parameters.Count > 0)
        {
            Heading(console, "parameters");
            foreach (var p in e.Parameters)
            {
                console.Write(new Text($"  {p.Parameter}", bold));
                console.Write(new Text($": checkpoint [{string.Join(", ", p.CheckpointShape)}], model [{string.Join(", ", p.ModelShape)}]: {p.Meaning}\n"));
            }

            console.WriteLine();
        }

        if (e.Notes.Count > 0)
        {
            Heading(console, "notes");
            foreach (var note in e.Notes)
            {
                console.Write(new Text($"  - {note}\n"));
            }

            console.WriteLine();
        }

        if (e.Model is { } model)
        {
            RenderModel(console, model, modelLines ?? []);
        }
    }

    public static void RenderNotRecognized(IAnsiConsole console, ExplainResult result)
    {
        console.Write(new Text(result.SelfContradictory ? "self-contradictory message" : "not recognized", new Style(Color.Yellow, decoration: Decoration.Bold)));
        console.Write(new Text($": {result.Reason}\n"));
        console.Write(new Text($"  known kinds: {string.Join(", ", MessageExplainer.Kinds)}\n", new Style(Color.Grey)));
    }

    private static void RenderModel(IAnsiConsole console, ModelMatch model, IReadOnlyList<string> lines)
    {
        Heading(console, $"model {model.Path}" + (model.Input is null ? string.Empty : $" (input {model.Input})"));
        foreach (var layer in model.Layers)
        {
            console.Write(new Text($"  {layer.Name} ({layer.Type}, line {layer.Line})", new Style(Color.Aqua, decoration: Decoration.Bold)));
            console.Write(new Text($": {layer.Reason}\n"));
            console.Write(new Text($"    {layer.Line} | {layer.LineText.Trim()}\n", new Style(Color.Grey)));
        }

        foreach (var note in model.Notes)
        {
            console.Write(new Text($"  - {note}\n"));
        }

        console.WriteLine();
        foreach (var diagnostic in model.Layers.SelectMany(l => l.Diagnostics).Distinct())
        {
            DiagnosticTextRenderer.Render(console, model.Path, lines, diagnostic);
        }
    }

    private static void Heading(IAnsiConsole console, string title) =>
        console.Write(new Text(title + ":\n", new Style(decoration: Decoration.Bold)));

    private static void Row(IAnsiConsole console, string name, string value, string meaning, int width, int valueWidth)
    {
        console.Write(new Text($"  {name.PadRight(width)}  "));
        console.Write(new Text(value.PadLeft(valueWidth), new Style(Color.Yellow)));
        console.Write(new Text($"  {meaning}\n"));
    }
}
