using System.CommandLine;
using ShapeSafe.Shapes;

namespace ShapeSafe.Cli.Commands;

/// <summary>Options several commands share, with their validation, so each is spelled and checked once.</summary>
public static class SharedOptions
{
    public static Option<string?> Input() => new("--input")
    {
        Description = "Input shape, batch first (e.g. 128x3x64x64 or Nx3x64x64); overrides the file's 'input' line",
        Validators =
        {
            result =>
            {
                var text = result.GetValueOrDefault<string?>();
                if (text is not null && !ShapeParser.TryParse(text, out _, out var error))
                {
                    result.AddError($"--input: {error}");
                }
            },
        },
    };

    /// <summary>--input, repeatable: one shape per input of the model (a Python forward may take several tensors).</summary>
    public static Option<string[]> Inputs() => new("--input")
    {
        Description = "Input shape, batch first (e.g. 128x3x64x64 or Nx3x64x64); overrides the file's own; repeat it for a forward that takes several tensors",
        Arity = ArgumentArity.ZeroOrMore,
        Validators =
        {
            result =>
            {
                foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
                {
                    if (!ShapeParser.TryParse(text, out _, out var error))
                    {
                        result.AddError($"--input: {error}");
                    }
                }
            },
        },
    };

    /// <summary>--class: which nn.Module subclass of a Python file to check.</summary>
    public static Option<string?> Class() => new("--class")
    {
        Description = "For a .py file: the nn.Module subclass to check (default: the one the file instantiates, else the only top-level one)",
    };

    public static IReadOnlyList<Shape> ParseInputs(string[]? texts) => texts is null ? [] : Array.ConvertAll(texts, ShapeParser.Parse);

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output format: text or json",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    public static Shape? ParseInput(string? text) => text is null ? null : ShapeParser.Parse(text);
}
