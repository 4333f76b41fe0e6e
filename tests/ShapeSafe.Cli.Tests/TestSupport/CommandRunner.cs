using System.CommandLine;
using ShapeSafe.Cli.Hosting;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Runs one command in-process as the CLI does (parse errors and usage errors exit 2), capturing its output.</summary>
public static class CommandRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static Outcome Run(Command command, params string[] args)
    {
        var root = new RootCommand("test") { command };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var parse = root.Parse(args);
        int code;
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"error: {e.Message}");
            }

            code = ExitCodes.Usage;
        }
        else
        {
            try
            {
                code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
            }
            catch (UsageException e)
            {
                error.WriteLine($"error: {e.Message}");
                code = ExitCodes.Usage;
            }
        }

        return new Outcome(code, output.ToString(), error.ToString());
    }
}
