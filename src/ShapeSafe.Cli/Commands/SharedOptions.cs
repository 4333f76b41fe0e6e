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

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output format: text or json",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    public static Shape? ParseInput(string? text) => text is null ? null : ShapeParser.Parse(text);
}
