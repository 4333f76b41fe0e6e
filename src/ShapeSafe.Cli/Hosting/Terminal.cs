using Spectre.Console;

namespace ShapeSafe.Cli.Hosting;

/// <summary>
/// Makes the Spectre.Console console for a writer: colored on an interactive terminal, plain
/// (no ANSI codes, wide enough not to wrap tables) when redirected or when NO_COLOR is set.
/// </summary>
public static class Terminal
{
    private const int RedirectedWidth = 200;

    public static IAnsiConsole For(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>True when the writer is an interactive terminal (live progress displays make sense).</summary>
    public static bool IsInteractive(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
}
