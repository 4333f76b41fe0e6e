using System.CommandLine;
using ShapeSafe.Cli.Commands;

namespace ShapeSafe.Cli.Hosting;

/// <summary>
/// The command tree and its invocation. Runs in-process with any writers, so tests capture output
/// and exit codes exactly as a user sees them. Parse errors and usage errors exit 2 with a one-line
/// message; no stack trace ever reaches the user.
/// </summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("ShapeSafe: catch CNN tensor-shape mismatches before anything runs, and train, evaluate and diagnose models on TorchSharp.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (UnknownOption(parseResult) is { } unknown)
        {
            error.WriteLine($"error: unknown option {unknown}");
            error.WriteLine($"Run 'shapesafe {string.Join(' ', CommandPath(parseResult))} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine($"Run 'shapesafe {string.Join(' ', CommandPath(parseResult))} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Usage;
        }

        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"error: internal error ({e.GetType().Name}: {e.Message}). Nothing was written; please report this with the command you ran.");
            if (Environment.GetEnvironmentVariable("SHAPESAFE_DEBUG") == "1")
            {
                // For maintainers reproducing a report: the stack, which users never see unasked.
                error.WriteLine(e.ToString());
            }

            return ExitCodes.Internal;
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("SHAPESAFE_LIST_ASSEMBLIES") == "1")
            {
                // For tests and curious users: which assemblies this command loaded (check must not load TorchSharp).
                error.WriteLine("loaded: " + string.Join(' ', AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Order(StringComparer.Ordinal)));
            }
        }
    }

    /// <summary>
    /// A token that looks like an option (<c>--name</c>, or <c>-x</c> with a letter) but that no option matched, so
    /// the parser took it as an argument (a file name): reported as an unknown option instead of "no such file". A
    /// token that names an existing file or folder, and everything after <c>--</c>, is an argument as given.
    /// </summary>
    private static string? UnknownOption(ParseResult parseResult)
    {
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == System.CommandLine.Parsing.TokenType.DoubleDash)
            {
                return null;
            }

            var value = token.Value;
            var optionLike = value.StartsWith("--", StringComparison.Ordinal) ? value.Length > 2 : value.Length > 1 && value[0] == '-' && char.IsAsciiLetter(value[1]);
            if (token.Type == System.CommandLine.Parsing.TokenType.Argument && optionLike && !File.Exists(value) && !Directory.Exists(value))
            {
                return value.Split('=')[0];
            }
        }

        return parseResult.UnmatchedTokens.Where(t => t.StartsWith('-')).Select(t => t.Split('=')[0]).FirstOrDefault();
    }

    private static IEnumerable<string> CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names;
    }

    private static IEnumerable<Command> Commands() =>
    [
        CheckCommand.Create(),
        SummaryCommand.Create(),
        ExplainCommand.Create(),
        TraceCommand.Create(),
        TrainCommand.Create(),
        EvaluateCommand.Create(),
        PredictCommand.Create(),
        MakeDataCommand.Create(),
        RunCommand.Create(),
        ExportCommand.Create(),
        ImportCommand.Create(),
    ];
}
